"""The edition switch leads to the same page in the other edition when there is one; hreflang names real equivalents."""

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def switch_targets(html):
    """{edition: href} of the edition switch's links (header and footer say the same)."""
    links = re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\2"', html)
    targets = {lang: href for href, lang in links}
    assert len(links) == 2 * len(targets), "header and footer switches differ"
    return targets


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.fixture
def pair():
    en = ArticleFactory(edition="en", section__slug="economy", title="Central bank holds rates", tags=["rates"])
    ru = ArticleFactory(edition="ru", section__slug="ekonomika", title="Центробанк сохранил ставку", translation_of=en)
    en.refresh_from_db()
    return en, ru


def test_story_switch_leads_to_its_live_translation_and_both_name_each_other(client, pair):
    en, ru = pair
    en_page = client.get(en.get_absolute_url()).content.decode()
    ru_page = client.get(ru.get_absolute_url()).content.decode()

    assert switch_targets(en_page) == {"ru": ru.get_absolute_url()}
    assert switch_targets(ru_page) == {"en": en.get_absolute_url()}
    expected = {
        "en": HOST + en.get_absolute_url(),
        "ru": HOST + ru.get_absolute_url(),
        "x-default": HOST + en.get_absolute_url(),
    }
    assert hreflangs(en_page) == expected
    assert hreflangs(ru_page) == expected


@pytest.mark.parametrize("state", [{"draft": True}, {"scheduled": True}])
def test_a_translation_readers_cannot_see_yet_is_not_offered(client, state):
    en = ArticleFactory(edition="en")
    ArticleFactory(edition="ru", translation_of=en, **state)
    html = client.get(en.get_absolute_url()).content.decode()
    assert switch_targets(html) == {"ru": "/ru/"}
    assert hreflangs(html) == {}


def test_a_story_without_translation_switches_to_the_other_home(client):
    ru = ArticleFactory(edition="ru")
    html = client.get(ru.get_absolute_url()).content.decode()
    assert switch_targets(html) == {"en": "/en/"}
    assert hreflangs(html) == {}


def test_editors_previewing_a_draft_may_follow_its_live_translation_but_search_engines_hear_nothing(client, admin_user):
    en = ArticleFactory(edition="en")
    draft = ArticleFactory(edition="ru", translation_of=en, draft=True)
    client.force_login(admin_user)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert switch_targets(html) == {"en": en.get_absolute_url()}
    assert hreflangs(html) == {}


def test_homes_are_each_others_equivalents(client, db):
    for edition, other in (("en", "ru"), ("ru", "en")):
        html = client.get(f"/{edition}/").content.decode()
        assert switch_targets(html) == {other: f"/{other}/"}
        assert hreflangs(html) == {"en": f"{HOST}/en/", "ru": f"{HOST}/ru/", "x-default": f"{HOST}/en/"}


def test_section_tag_and_search_pages_switch_to_the_other_home_without_hreflang(client, pair):
    en, _ru = pair
    for url in (en.section.get_absolute_url(), "/en/tags/rates/", "/en/search/?q=rates"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert switch_targets(html) == {"ru": "/ru/"}, url
        assert hreflangs(html) == {}, url


def test_archive_switch_keeps_the_date(client, db):
    SectionFactory(edition="ru", slug="novosti")
    day = timezone.make_aware(datetime(2026, 3, 9, 12))
    ArticleFactory(edition="en", published_at=day)
    for url, other in (
        ("/en/archive/2026/", "/ru/archive/2026/"),
        ("/en/archive/2026/03/", "/ru/archive/2026/03/"),
        ("/en/archive/2026/03/09/", "/ru/archive/2026/03/09/"),
    ):
        html = client.get(url).content.decode()
        assert switch_targets(html) == {"ru": other}
        assert hreflangs(html) == {}, "another edition's news of a day is no translation"


def test_not_found_page_switches_to_the_other_home(client, db):
    html = client.get("/ru/no-such-section/").content.decode()
    assert switch_targets(html) == {"en": "/en/"}


@pytest.mark.usefixtures("page_cache_off", "fragment_cache_off")
def test_the_translation_costs_the_story_page_no_query(client, pair):
    en, _ru = pair
    alone = ArticleFactory(edition="en", section=en.section)
    client.get(alone.get_absolute_url())  # warm caches (content types, sections)

    with CaptureQueriesContext(connection) as without:
        client.get(alone.get_absolute_url())
    with CaptureQueriesContext(connection) as with_translation:
        client.get(en.get_absolute_url())
    assert len(with_translation) == len(without)
