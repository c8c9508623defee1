"""Search: what a reader finds, in what order, highlighted how, and how bad input is answered."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.discovery.search import START_SEL, STOP_SEL, _substring_search, highlight_words, marked
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/"


def found_titles(response):
    """Headlines of the result cards, in order, without highlighting."""
    html = response.content.decode()
    cards = re.findall(r'<h2 class="card__title">\s*<a href="[^"]+">(.*?)</a>', html, re.S)
    return [re.sub(r"</?mark>", "", card) for card in cards]


def test_headline_outranks_lead_outranks_body(client):
    now = timezone.now()
    in_body = ArticleFactory(
        title="Harbour news",
        body="<p>A zeppelin was seen over the harbour.</p>",
        published_at=now - timedelta(minutes=1),
    )
    in_lead = ArticleFactory(
        title="Sky watchers", lead="A zeppelin flew over the city.", published_at=now - timedelta(minutes=2)
    )
    in_title = ArticleFactory(title="Zeppelin lands in the capital", published_at=now - timedelta(minutes=3))

    response = client.get(SEARCH, {"q": "zeppelin"})

    assert response.status_code == 200
    assert found_titles(response) == [in_title.title, in_lead.title, in_body.title]
    assert "3 stories found for “zeppelin”" in response.content.decode()


def test_russian_query_finds_other_case_endings_in_russian_edition_only(client):
    story = ArticleFactory(
        edition="ru",
        title="Новый пакет ограничений",
        slug="novyi-paket",
        lead="Европейский союз обсуждает меры.",
        body="<p>Речь идёт о продлении санкций на полгода.</p>",
    )
    ArticleFactory(edition="en", title="Sanctions extended", body="<p>санкций</p>")

    response = client.get("/ru/search/", {"q": "санкции"})

    assert response.status_code == 200
    assert found_titles(response) == [story.title]
    assert "<mark>санкций</mark>" in response.content.decode()


def test_english_stemming_matches_other_word_forms(client):
    story = ArticleFactory(title="Ministers negotiate a truce", lead="Talks go on.")

    response = client.get(SEARCH, {"q": "negotiating"})

    assert found_titles(response) == [story.title]


def test_matches_are_marked_and_story_text_is_escaped(client):
    ArticleFactory(
        title="Budget <i>vote</i> delayed",
        lead="Deputies postponed the budget vote.",
        body="<p>The text &lt;b&gt;danger&lt;/b&gt; &amp; more about the budget.</p><p>Other words.</p>",
    )

    response = client.get(SEARCH, {"q": "budget"})

    html = response.content.decode()
    assert "Budget &lt;i&gt;vote&lt;/i&gt; delayed".replace("Budget", "<mark>Budget</mark>") in html
    assert "<i>vote</i>" not in html
    assert "&lt;b&gt;danger&lt;/b&gt; &amp; more" in html
    assert "<b>danger" not in html
    assert "<mark>budget</mark>" in html
    assert START_SEL not in html and STOP_SEL not in html


def test_only_published_due_stories_of_the_edition_are_found(client):
    visible = ArticleFactory(title="Glacier retreats again")
    ArticleFactory(title="Glacier draft", draft=True)
    ArticleFactory(title="Glacier scheduled", scheduled=True)
    ArticleFactory(edition="ru", title="Glacier in Russian edition", slug="glacier-ru")

    response = client.get(SEARCH, {"q": "glacier"})

    assert found_titles(response) == [visible.title]


def test_results_are_paginated_and_pager_keeps_the_search(client):
    section = SectionFactory(slug="science", name="Science")
    for i in range(25):
        ArticleFactory(title=f"Comet sighting {i}", section=section)

    first = client.get(SEARCH, {"q": "comet", "section": "science"})
    second = client.get(SEARCH, {"q": "comet", "section": "science", "page": 2})

    assert len(found_titles(first)) == 20
    assert len(found_titles(second)) == 5
    assert 'href="?q=comet&amp;section=science&amp;page=2"' in first.content.decode()
    assert client.get(SEARCH, {"q": "comet", "page": "last"}).status_code == 200
    assert client.get(SEARCH, {"q": "comet", "page": "999"}).status_code == 200


def test_section_and_date_filters_narrow_results(client):
    politics = SectionFactory(slug="politics", name="Politics")
    economy = SectionFactory(slug="economy", name="Economy")
    now = timezone.now()
    old = ArticleFactory(title="Tariff row began", section=economy, published_at=now - timedelta(days=40))
    recent = ArticleFactory(title="Tariff row ends", section=economy, published_at=now - timedelta(hours=2))
    ArticleFactory(title="Tariff debate in parliament", section=politics)

    by_section = client.get(SEARCH, {"q": "tariff", "section": "economy"})
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    by_date = client.get(SEARCH, {"q": "tariff", "section": "economy", "date_from": since})
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    before = client.get(SEARCH, {"q": "tariff", "date_to": until})

    assert set(found_titles(by_section)) == {old.title, recent.title}
    assert found_titles(by_date) == [recent.title]
    assert found_titles(before) == [old.title]


def test_date_range_counts_whole_days_in_the_site_time_zone(client):
    # 00:30 in Moscow on 10 March is still 9 March in UTC.
    early = ArticleFactory(title="Tariff early", published_at=datetime(2026, 3, 9, 21, 30, tzinfo=UTC))
    late = ArticleFactory(title="Tariff late", published_at=datetime(2026, 3, 10, 20, 59, tzinfo=UTC))
    ArticleFactory(title="Tariff next day", published_at=datetime(2026, 3, 10, 21, 0, tzinfo=UTC))

    found = found_titles(client.get(SEARCH, {"q": "tariff", "date_from": "2026-03-10", "date_to": "2026-03-10"}))

    assert sorted(found) == sorted([early.title, late.title])


def test_extreme_dates_are_accepted(client):
    ArticleFactory(title="Tariff row")

    response = client.get(SEARCH, {"q": "tariff", "date_from": "0001-01-01", "date_to": "9999-12-31"})

    assert response.status_code == 200
    assert found_titles(response) == ["Tariff row"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "tariff", "date_from": "2024-13-45"}, "Enter the start date as YYYY-MM-DD."),
        ({"q": "tariff", "date_to": "yesterday"}, "Enter the end date as YYYY-MM-DD."),
        ({"q": "tariff", "date_from": "2024-05-02", "date_to": "2024-05-01"}, "The start date is after the end date."),
        ({"q": "tariff", "section": "no-such-section"}, "Select a valid choice."),
        ({"q": "x" * 201}, "That is too long to search for: use at most 200 characters."),
        ({"q": "tariff\x00"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_a_message_not_an_error(client, params, message):
    ArticleFactory(title="Tariff row")

    response = client.get(SEARCH, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Please correct the search above" in response.content.decode()


@pytest.mark.parametrize("query", [None, "", "   ", "\t\n"])
def test_empty_search_explains_what_to_do(client, query):
    response = client.get(SEARCH, {} if query is None else {"q": query})

    assert response.status_code == 200
    assert "Type a word or a phrase to search the news." in response.content.decode()


def test_longest_allowed_query_is_searched(client):
    response = client.get(SEARCH, {"q": "tariff " * 28 + "tari"})  # 200 characters

    assert response.status_code == 200
    assert "Nothing matches." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "&|!:*",
        "a & b | !c",
        "(((",
        "\\",
        "<script>alert(1)</script>",
        "-",
        "or",
        "the",
        "😀",
        "tariff 😀",
        '"tariff row"',
        "-tariff",
        "tariff -row",
        "tariff:*",
        "tariff OR row",
        "%_%",
    ],
)
def test_odd_characters_never_break_the_page(client, query):
    ArticleFactory(title="Tariff row deepens")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_websearch_syntax_phrases_and_exclusions(client):
    ArticleFactory(title="Tariff row deepens")
    ArticleFactory(title="Row over tariff on steel")

    assert found_titles(client.get(SEARCH, {"q": '"tariff row"'})) == ["Tariff row deepens"]
    assert found_titles(client.get(SEARCH, {"q": "tariff -steel"})) == ["Tariff row deepens"]


def test_search_vector_follows_every_kind_of_write(client):
    story = ArticleFactory(title="Quiet day")
    story.title = "Avalanche warning issued"
    story.save()
    assert found_titles(client.get(SEARCH, {"q": "avalanche"})) == ["Avalanche warning issued"]

    Article.objects.filter(pk=story.pk).update(lead="Mountain rescuers on alert.")
    assert found_titles(client.get(SEARCH, {"q": "rescuers"})) == ["Avalanche warning issued"]

    template = ArticleFactory.build(section=story.section, title="Bulk created blizzard", slug="bulk-blizzard")
    Article.objects.bulk_create([template])
    assert found_titles(client.get(SEARCH, {"q": "blizzard"})) == ["Bulk created blizzard"]

    story.save(update_fields=["is_pinned"])
    assert found_titles(client.get(SEARCH, {"q": "avalanche"})) == ["Avalanche warning issued"]


def populate(count):
    section = SectionFactory(slug="world", name="World")
    for i in range(count):
        ArticleFactory(title=f"Monsoon floods region {i}", section=section, tags=["weather"])


def measure(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_matches(client, settings, fragment_cache_off):
    settings.SEARCH_CACHE_SECONDS = 0
    populate(10)
    measure(client, {"q": "monsoon", "section": "world"})  # the sections are read once, then kept in the cache
    small = measure(client, {"q": "monsoon", "section": "world"})
    populate(50)
    measure(client, {"q": "monsoon", "section": "world"})  # after an edit the chrome (breaking news) is read once
    large = measure(client, {"q": "monsoon", "section": "world"})

    assert small == large == 2  # the ids of the matches, best first; then the page's stories


def test_a_repeated_search_is_answered_from_the_cache(client):
    populate(25)
    measure(client, {"q": "monsoon"})  # the sections are read once, then kept in the cache
    client.get(SEARCH, {"q": "Monsoon floods"})

    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, {"q": "  monsoon   FLOODS ", "page": 2})

    assert len(captured) == 1  # the page's stories only: the ids came from the cache
    assert len(found_titles(response)) == 5
    assert "25 stories found for “monsoon   FLOODS”" in response.content.decode()


def test_cached_results_show_a_story_published_since(client):
    ArticleFactory(title="Glacier retreats again")
    assert len(found_titles(client.get(SEARCH, {"q": "glacier"}))) == 1

    ArticleFactory(title="Glacier collapses")

    assert found_titles(client.get(SEARCH, {"q": "glacier"})) == ["Glacier collapses", "Glacier retreats again"]


def test_cached_results_never_show_a_story_no_longer_visible(client, fragment_cache_off):
    kept = ArticleFactory(title="Glacier retreats again")
    withdrawn = ArticleFactory(title="Glacier collapses")
    assert len(found_titles(client.get(SEARCH, {"q": "glacier"}))) == 2

    # A bulk update sends no signal: the ids stay cached, the page still reads only visible stories.
    Article.objects.filter(pk=withdrawn.pk).update(status="draft")

    assert found_titles(client.get(SEARCH, {"q": "glacier"})) == [kept.title]


def test_a_repeated_search_page_is_kept_rendered_until_the_site_changes(client):
    populate(25)
    first = client.get(SEARCH, {"q": "monsoon"})

    with CaptureQueriesContext(connection) as captured:
        again = client.get(SEARCH, {"q": "monsoon"})
    assert len(captured) == 0  # ids, stories and highlighting all kept in the block
    assert again.content == first.content
    assert "<mark>" in again.content.decode()

    ArticleFactory(title="Monsoon reaches the capital")  # a publication: the site's version moves on

    assert "Monsoon reaches the capital" in found_titles(client.get(SEARCH, {"q": "monsoon"}))


def test_odd_page_spellings_are_answered_but_not_kept(client):
    populate(25)
    client.get(SEARCH, {"q": "monsoon", "page": "02"})

    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, {"q": "monsoon", "page": "02"})

    assert len(captured) == 1  # rendered again (only the ids came from the cache)
    assert len(found_titles(response)) == 5


def test_a_scheduled_story_is_found_within_seconds_of_going_live(client):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        ArticleFactory(title="Glacier retreats again", published_at=now - timedelta(hours=1))
        ArticleFactory(title="Glacier collapses", status="published", published_at=now + timedelta(seconds=2))
        assert found_titles(client.get(SEARCH, {"q": "glacier"})) == ["Glacier retreats again"]

    # Going live saves nothing: the found ids are kept only a few seconds while that moment is not known.
    with time_machine.travel(now + timedelta(seconds=2 + 5 + 1), tick=False):
        found = found_titles(client.get(SEARCH, {"q": "glacier"}))

    assert found == ["Glacier collapses", "Glacier retreats again"]


def test_every_page_has_a_labelled_search_box(client):
    html = client.get("/en/").content.decode()

    assert '<form role="search" class="search-form" id="site-search-form" method="get" action="/en/search/">' in html
    assert '<label class="visually-hidden" for="site-search">' in html
    assert 'name="q"' in html


def test_search_results_ask_crawlers_not_to_index_them(client):
    html = client.get(SEARCH, {"q": "anything"}).content.decode()

    assert '<meta name="robots" content="noindex, follow">' in html


# The SQLite demo's stand-in search, exercised directly (the suite itself runs on PostgreSQL).


def test_substring_fallback_puts_headline_matches_first():
    in_lead = ArticleFactory(title="Sky watchers", lead="A zeppelin flew over the city.")
    in_title = ArticleFactory(title="Zeppelin lands", published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(title="Unrelated")

    found = list(_substring_search(Article.objects.all(), "zeppelin!"))

    assert found == [in_title, in_lead]
    assert list(_substring_search(Article.objects.all(), "&|!:* 😀")) == []


def test_fallback_highlighting_escapes_text():
    assert highlight_words("Budget <b>vote</b>", ["vote"]) == "Budget &lt;b&gt;<mark>vote</mark>&lt;/b&gt;"


def test_marked_keeps_only_balanced_marks():
    assert marked(f"{START_SEL}a{START_SEL}b{STOP_SEL}{STOP_SEL} <em>") == "<mark>ab</mark> &lt;em&gt;"
    assert marked(f"x {START_SEL}open") == "x <mark>open</mark>"
    assert marked("&amp;lt;", unescape=True) == "&amp;lt;"


def test_only_the_newest_matches_are_ranked_and_the_page_says_there_were_more(client, settings):
    settings.SEARCH_MAX_RANKED = 3
    now = timezone.now()
    for hours in range(1, 6):
        ArticleFactory(title=f"Monsoon report {hours}", published_at=now - timedelta(hours=hours))

    response = client.get(SEARCH, {"q": "monsoon"})

    assert sorted(found_titles(response)) == ["Monsoon report 1", "Monsoon report 2", "Monsoon report 3"]
    assert "More than 3 stories found for “monsoon”" in response.content.decode()


def test_the_newest_matches_are_those_of_the_chosen_section(client, settings):
    settings.SEARCH_MAX_RANKED = 2
    now = timezone.now()
    world = SectionFactory(slug="world", name="World")
    for hours in range(1, 4):
        ArticleFactory(title=f"Monsoon elsewhere {hours}", published_at=now - timedelta(hours=hours))
    ArticleFactory(title="Monsoon in the world", section=world, published_at=now - timedelta(days=3))

    response = client.get(SEARCH, {"q": "monsoon", "section": "world"})

    assert found_titles(response) == ["Monsoon in the world"]
    assert "1 story found for “monsoon”" in response.content.decode()


def test_a_results_page_past_the_end_shows_the_last_one(client):
    for i in range(3):
        ArticleFactory(title=f"Monsoon update {i}")

    response = client.get(SEARCH, {"q": "monsoon", "page": "9"})

    assert response.status_code == 200
    assert len(found_titles(response)) == 3
    assert "3 stories found" in response.content.decode()


def test_cached_results_are_those_of_the_same_filters_and_edition(client):
    economy = SectionFactory(slug="economy", name="Economy")
    now = timezone.now()
    ArticleFactory(title="Tariff row ends", section=economy, published_at=now - timedelta(hours=2))
    ArticleFactory(title="Tariff debate", published_at=now - timedelta(days=40))
    ArticleFactory(edition="ru", title="Tariff in the Russian edition", slug="tariff-ru")
    since = (timezone.localdate() - timedelta(days=7)).isoformat()

    everything = found_titles(client.get(SEARCH, {"q": "tariff"}))
    in_economy = found_titles(client.get(SEARCH, {"q": "tariff", "section": "economy"}))
    recent = found_titles(client.get(SEARCH, {"q": "tariff", "date_from": since}))
    russian = found_titles(client.get("/ru/search/", {"q": "tariff"}))

    assert everything == ["Tariff row ends", "Tariff debate"]
    assert in_economy == recent == ["Tariff row ends"]
    assert russian == ["Tariff in the Russian edition"]
