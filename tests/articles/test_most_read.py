"""Most read: the beacon counts in the cache, the flush moves counts to the database, the home shows them."""

import datetime as dt
import re
from html import unescape
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from articles.discovery.viewcounts import FLUSH_LOCK, article_views_flush, counter_key
from articles.models import ArticleDailyViews
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
NOON = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def seen(client, story, times=1, user_agent=BROWSER, address="203.0.113.5"):
    for _ in range(times):
        response = client.post(f"/en/reader/seen/{story.pk}/", HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    return response


def stored(story, day):
    row = ArticleDailyViews.objects.filter(article=story, date=day).first()
    return row.views if row else 0


@time_machine.travel(NOON, tick=False)
def test_beacon_counts_in_cache_and_flush_moves_counts_to_the_database():
    client = Client(enforce_csrf_checks=True)  # the beacon carries no token
    story = ArticleFactory()

    response = seen(client, story, times=3)

    assert response.status_code == 204
    assert not ArticleDailyViews.objects.exists()  # nothing written per view
    assert cache.get(counter_key(timezone.localdate(), story.pk)) == 3

    assert article_views_flush() == 3
    assert stored(story, timezone.localdate()) == 3
    assert article_views_flush() == 0  # moved once only
    seen(client, story, times=2)
    article_views_flush()
    assert stored(story, timezone.localdate()) == 5


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("user_agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", ""])
def test_crawlers_and_scripts_are_not_counted(client, user_agent):
    story = ArticleFactory()

    assert seen(client, story, user_agent=user_agent).status_code == 204

    article_views_flush()
    assert not ArticleDailyViews.objects.exists()


def test_beacon_only_accepts_post(client):
    story = ArticleFactory()

    assert client.get(f"/en/reader/seen/{story.pk}/").status_code == 405


@override_settings(VIEW_COUNT_RATE="3/m")
@time_machine.travel(NOON, tick=False)
def test_one_address_cannot_inflate_counts(client):
    story = ArticleFactory()

    assert seen(client, story, times=3).status_code == 204
    refused = seen(client, story)
    other_reader = seen(client, story, address="198.51.100.9")

    assert refused.status_code == 429
    assert other_reader.status_code == 204
    article_views_flush()
    assert stored(story, timezone.localdate()) == 4


@time_machine.travel(NOON, tick=False)
def test_flush_writes_in_batches_and_skips_unknown_stories(client):
    stories = [ArticleFactory() for _ in range(5)]
    for number, story in enumerate(stories, start=1):
        seen(client, story, times=number)
    client.post("/en/reader/seen/999999/", HTTP_USER_AGENT=BROWSER)

    assert article_views_flush(batch_size=2) == 15

    assert [stored(story, timezone.localdate()) for story in stories] == [1, 2, 3, 4, 5]
    assert ArticleDailyViews.objects.count() == 5


def test_yesterdays_views_are_flushed_after_midnight(client):
    story = ArticleFactory()
    with time_machine.travel(dt.datetime(2026, 3, 10, 23, 59, tzinfo=NOON.tzinfo), tick=False):
        seen(client, story, times=2)
    with time_machine.travel(dt.datetime(2026, 3, 11, 0, 5, tzinfo=NOON.tzinfo), tick=False):
        seen(client, story)
        article_views_flush()

    assert stored(story, dt.date(2026, 3, 10)) == 2
    assert stored(story, dt.date(2026, 3, 11)) == 1


@time_machine.travel(NOON, tick=False)
def test_a_running_flush_is_not_doubled(client):
    story = ArticleFactory()
    seen(client, story, times=2)
    cache.add(FLUSH_LOCK, 1)

    assert article_views_flush() == 0
    assert not ArticleDailyViews.objects.exists()

    cache.delete(FLUSH_LOCK)
    assert article_views_flush() == 2


@override_settings(VIEW_COUNT_FLUSH_EVERY=3)
@time_machine.travel(NOON, tick=False)
def test_beacon_flushes_every_n_views(client):
    story = ArticleFactory()

    seen(client, story, times=2)
    assert not ArticleDailyViews.objects.exists()
    seen(client, story)
    assert stored(story, timezone.localdate()) == 3


@time_machine.travel(NOON, tick=False)
def test_management_command_reports_what_it_moved(client):
    story = ArticleFactory()
    seen(client, story, times=4)
    out = StringIO()

    call_command("flush_view_counts", stdout=out)

    assert out.getvalue().strip() == "Moved 4 views to the database."
    assert stored(story, timezone.localdate()) == 4


def sidebar(client):
    html = client.get("/en/").content.decode()
    match = re.search(r'<section class="most-read".*?</section>', html, re.S)
    if not match:
        return {}
    lists = re.findall(r'<h3 class="most-read__period">(.*?)</h3>\s*<ol class="ranked">(.*?)</ol>', match.group(), re.S)
    return {period: [unescape(t) for t in re.findall(r'<a href="[^"]+">(.*?)</a>', items)] for period, items in lists}


@time_machine.travel(NOON, tick=False)
def test_home_shows_most_read_today_and_this_week(client):
    today = timezone.localdate()
    old_hit = ArticleFactory(title="Last week's hit", published_at=timezone.now() - dt.timedelta(days=5))
    todays = ArticleFactory(title="Today's story")
    steady = ArticleFactory(title="Steady reader favourite", published_at=timezone.now() - dt.timedelta(days=2))
    ancient = ArticleFactory(title="Ten days ago", published_at=timezone.now() - dt.timedelta(days=12))
    draft = ArticleFactory(title="Unpublished since", draft=True)
    russian = ArticleFactory(title="Русская", edition="ru", slug="russkaya")
    rows = [
        (old_hit, today - dt.timedelta(days=4), 500),
        (todays, today, 40),
        (steady, today, 10),
        (steady, today - dt.timedelta(days=1), 100),
        (ancient, today - dt.timedelta(days=9), 9000),
        (draft, today, 1000),
        (russian, today, 1000),
    ]
    ArticleDailyViews.objects.bulk_create(ArticleDailyViews(article=a, date=d, views=v) for a, d, v in rows)

    lists = sidebar(client)

    assert lists == {
        "Today": ["Today's story", "Steady reader favourite"],
        "This week": ["Last week's hit", "Steady reader favourite", "Today's story"],
    }


def test_home_has_no_most_read_block_before_any_count(client):
    ArticleFactory()

    assert sidebar(client) == {}
    assert "Most read" not in client.get("/en/").content.decode()


def test_story_page_sends_the_beacon_but_previews_do_not(client, admin_client):
    story = ArticleFactory()
    draft = ArticleFactory(draft=True)

    html = client.get(story.get_absolute_url()).content.decode()
    preview = admin_client.get(draft.get_absolute_url()).content.decode()

    assert (
        f'<script type="module" src="/static/js/views.js" data-seen-url="/en/reader/seen/{story.pk}/"></script>' in html
    )
    assert "data-seen-url" not in preview
