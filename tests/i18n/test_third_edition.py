"""A third edition is an entry in the edition registry plus its catalogue: no code changes.

A throwaway German edition is added the way a real one would be (newsportal/editions.py, read through
settings) and the database is brought up to it the way `migrate` does; then its pages, a story with
versions in all three editions, its search and its link previews work as those of the first two.
"""

import json
import re

import pytest
from django.db import connection

from articles.editions import edition_search_configs_sync
from newsportal.editions import Edition, editions_settings
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
GERMAN = Edition(code="de", name="German", search_config="german", og_locale="de_DE")


@pytest.fixture
def german(settings):
    """The site with a German edition: the registry's entry, and what `migrate` does with it."""
    for name, value in editions_settings([*settings.EDITIONS, GERMAN], default=settings.LANGUAGE_CODE).items():
        setattr(settings, name, value)
    edition_search_configs_sync()
    return GERMAN


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switch_targets(html):
    return {lang: href for href, lang in re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\2"', html)}


def found_titles(html):
    cards = re.findall(r'<h2 class="card__title">\s*<a href="[^"]+">(.*?)</a>', html, re.S)
    return [re.sub(r"</?mark>", "", card) for card in cards]


@pytest.fixture
def story_in_three_editions(german):
    en = ArticleFactory(edition="en", section__slug="economy", title="Houses sold at auction")
    ru = ArticleFactory(edition="ru", section__slug="ekonomika", title="Дома продали с аукциона", translation_of=en)
    de = ArticleFactory(
        edition="de",
        section=SectionFactory(edition="de", slug="wirtschaft", name="Wirtschaft"),
        slug="haeuser-versteigert",
        title="Die Häuser wurden versteigert",
        lead="Der Verkauf brachte mehr als erwartet.",
        translation_of=ru,
    )
    return en, ru, de


def test_its_home_page_is_served_and_named_among_the_editions(client, german):
    SectionFactory(edition="de", slug="wirtschaft", name="Wirtschaft")
    response = client.get("/de/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "Wirtschaft" in html
    assert switch_targets(html) == {"en": "/en/", "ru": "/ru/"}
    assert hreflangs(html) == {
        "en": f"{HOST}/en/",
        "ru": f"{HOST}/ru/",
        "de": f"{HOST}/de/",
        "x-default": f"{HOST}/en/",
    }
    # The other editions' homes now name it too.
    assert hreflangs(client.get("/ru/").content.decode())["de"] == f"{HOST}/de/"


def test_a_story_names_its_versions_in_all_three_editions(client, story_in_three_editions):
    en, ru, de = story_in_three_editions
    expected = {
        "en": HOST + en.get_absolute_url(),
        "ru": HOST + ru.get_absolute_url(),
        "de": HOST + de.get_absolute_url(),
        "x-default": HOST + en.get_absolute_url(),
    }
    for story in (en, ru, de):
        html = client.get(story.get_absolute_url()).content.decode()
        assert hreflangs(html) == expected, story.edition
    assert de.get_absolute_url().startswith("/de/wirtschaft/")
    assert switch_targets(client.get(de.get_absolute_url()).content.decode()) == {
        "en": en.get_absolute_url(),
        "ru": ru.get_absolute_url(),
    }


def test_a_version_readers_cannot_see_yet_is_left_out_of_the_others(client, german):
    en = ArticleFactory(edition="en")
    ru = ArticleFactory(edition="ru", translation_of=en)
    ArticleFactory(edition="de", section__slug="wirtschaft", translation_of=en, draft=True)

    html = client.get(en.get_absolute_url()).content.decode()
    assert set(hreflangs(html)) == {"en", "ru", "x-default"}
    assert switch_targets(html) == {"ru": ru.get_absolute_url(), "de": "/de/"}


def test_its_search_stems_german_words(client, story_in_three_editions):
    _en, _ru, de = story_in_three_editions

    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [de.pk])
        [vector] = cursor.fetchone()
    assert "'haus'" in vector, "the trigger indexed the story in German"
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_article_search_de'")
        [index] = cursor.fetchone()
    assert "WHERE ((edition)::text = 'de'::text)" in index, "its searches have a GIN index of their own"

    html = client.get("/de/search/", {"q": "Haus"}).content.decode()
    assert found_titles(html) == [de.title]
    assert "<mark>Häuser</mark>" in html
    assert found_titles(client.get("/en/search/", {"q": "Haus"}).content.decode()) == []


def test_its_link_previews_carry_its_locale(client, story_in_three_editions):
    _en, _ru, de = story_in_three_editions
    html = client.get(de.get_absolute_url()).content.decode()

    assert '<meta property="og:locale" content="de_DE">' in html
    documents = [
        json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    [article] = [document for document in documents if document.get("@type") == "NewsArticle"]
    assert article["inLanguage"] == "de"
