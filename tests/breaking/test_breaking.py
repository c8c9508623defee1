"""Breaking news as readers and editors meet it: the edition's JSON, the banner on pages, expiry, caching."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.breaking.services import breaking_clear, breaking_flag
from articles.invalidation import next_publication
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def json_url(edition="en"):
    with translation.override(edition):
        return reverse("articles:breaking")


def flag(story, minutes=60):
    breaking_flag(stories=Article.objects.filter(pk=story.pk), minutes=minutes)
    story.refresh_from_db()


def banner(client, path):
    html = client.get(path).content.decode()
    start = html.find('id="breaking"')
    return html[start : html.find("</div>", start)]


def test_nothing_breaking_answers_null(client):
    response = client.get(json_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"breaking": None}


def test_the_json_names_the_flagged_story_of_its_edition_only(client):
    story = ArticleFactory(title="Earthquake hits the capital")
    ArticleFactory(edition="ru", title="Другая новость")
    flag(story)
    found = client.get(json_url()).json()["breaking"]
    assert found["id"] == story.pk
    assert found["headline"] == "Earthquake hits the capital"
    assert found["url"] == story.get_absolute_url()
    assert found["until"] == story.breaking_until.isoformat(timespec="seconds")
    assert client.get(json_url("ru")).json() == {"breaking": None}


def test_flagging_sets_urgency_flash_and_an_hour_by_default():
    story = ArticleFactory()
    before = timezone.now()
    breaking_flag(stories=Article.objects.filter(pk=story.pk))
    story.refresh_from_db()
    assert story.urgency == Article.Urgency.FLASH
    assert before + timedelta(minutes=59) < story.breaking_until <= timezone.now() + timedelta(hours=1)


def test_drafts_are_never_flagged(client):
    draft = ArticleFactory(draft=True)
    assert breaking_flag(stories=Article.objects.filter(pk=draft.pk)) == 0
    draft.refresh_from_db()
    assert draft.breaking_until is None
    assert client.get(json_url()).json() == {"breaking": None}


def test_the_newest_live_flag_is_shown_and_a_scheduled_one_waits_for_its_time(client):
    older = ArticleFactory(published_at=timezone.now() - timedelta(hours=2))
    newer = ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(minutes=10))
    for story in (older, newer, scheduled):
        flag(story, minutes=120)
    assert client.get(json_url()).json()["breaking"]["id"] == newer.pk
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert client.get(json_url()).json()["breaking"]["id"] == scheduled.pk


def test_a_flag_expires_by_itself_and_an_older_one_shows_again(client):
    older = ArticleFactory(published_at=timezone.now() - timedelta(hours=2))
    newer = ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
    flag(older, minutes=120)
    flag(newer, minutes=15)
    assert client.get(json_url()).json()["breaking"]["id"] == newer.pk  # kept in the cache now
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert client.get(json_url()).json()["breaking"]["id"] == older.pk
    with time_machine.travel(timezone.now() + timedelta(minutes=121)):
        assert client.get(json_url()).json() == {"breaking": None}


def test_clearing_shows_at_once(client):
    story = ArticleFactory()
    flag(story)
    assert client.get(json_url()).json()["breaking"]["id"] == story.pk
    assert breaking_clear(stories=Article.objects.filter(pk=story.pk)) == 1
    assert client.get(json_url()).json() == {"breaking": None}


def test_an_edit_of_the_flagged_story_shows_at_once(client):
    story = ArticleFactory(title="First words")
    flag(story)
    assert client.get(json_url()).json()["breaking"]["headline"] == "First words"
    story.title = "Fuller headline"
    story.save()
    assert client.get(json_url()).json()["breaking"]["headline"] == "Fuller headline"
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)  # a bulk unpublish bumps by hand
    from newsportal import pagecache

    pagecache.site_changed()
    assert client.get(json_url()).json() == {"breaking": None}


def test_cache_headers_etag_and_304(client):
    flag(ArticleFactory())
    response = client.get(json_url())
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=4" in cache_control
    assert "Vary" not in response or "Cookie" not in response["Vary"]
    assert not response.cookies
    etag = response["ETag"]
    again = client.get(json_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_kept_answer_reads_no_database(client):
    flag(ArticleFactory())
    client.get(json_url())  # reads it once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(json_url())
        client.get(json_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert response.json()["breaking"] is not None
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_post_is_refused(client):
    assert client.post(json_url()).status_code == 405


def test_pages_show_the_banner_without_scripts_and_lose_it_when_it_expires(client):
    story = ArticleFactory(title="Storm reaches the coast")
    other = ArticleFactory(title="Quiet day in parliament")
    home = reverse("articles:home")
    assert "Storm reaches the coast" not in banner(client, home)
    flag(story, minutes=2)
    for path in (home, other.get_absolute_url(), other.section.get_absolute_url()):
        shown = banner(client, path)
        assert "Storm reaches the coast" in shown, path
        assert f'href="{story.get_absolute_url()}"' in shown
        assert client.get(path)["X-Page-Cache"] == "hit"
    # Sooner than the page cache's own limit (PAGE_CACHE_SECONDS): the flag's end is on its schedule.
    with time_machine.travel(timezone.now() + timedelta(minutes=2, seconds=5)):
        assert "Storm reaches the coast" not in banner(client, home)
        assert "Storm reaches the coast" not in banner(client, other.get_absolute_url())


def test_the_other_edition_shows_no_banner(client):
    flag(ArticleFactory(title="Storm reaches the coast"))
    with translation.override("ru"):
        home = reverse("articles:home")
    assert "Storm reaches the coast" not in client.get(home).content.decode()


def test_the_end_of_a_flag_is_on_the_page_cache_schedule():
    story = ArticleFactory()
    ArticleFactory(published_at=timezone.now() + timedelta(hours=3))
    assert next_publication() == pytest.approx((timezone.now() + timedelta(hours=3)).timestamp(), abs=5)
    flag(story, minutes=30)
    assert next_publication() == pytest.approx(story.breaking_until.timestamp())
