"""A live blog as readers get it: the page, its pages of entries, permalinks, the poll, JSON-LD, costs."""

from datetime import timedelta
from io import StringIO

import extruct
import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.live.models import LiveBlog, LiveEntry
from articles.live.services import live_blog_close, live_blog_open, live_entry_add, live_entry_delete
from tests.factories import ArticleFactory, AuthorFactory, LiveBlogFactory, LiveEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_pages(settings):
    settings.LIVE_ENTRIES_PER_PAGE = 5


def entries(blog, count, **kwargs):
    """`count` entries a minute apart, the last one newest."""
    start = timezone.now() - timedelta(minutes=count)
    return [LiveEntryFactory(blog=blog, published_at=start + timedelta(minutes=n), **kwargs) for n in range(count)]


def poll_url(blog, after=None):
    return f"/en/live/{blog.pk}/entries/" + ("" if after is None else f"?after={after}")


def entry_ids(html):
    import re

    return [int(pk) for pk in re.findall(r'<article class="live-entry[^"]*"\s+id="entry-(\d+)"', html)]


# ---- Models and services ----------------------------------------------------------------------------


def test_a_blog_is_live_until_closed_then_archived():
    blog = live_blog_open(article=ArticleFactory())
    assert blog.is_live and blog.closed_at is None
    live_blog_close(blog=blog)
    blog.refresh_from_db()
    assert blog.status == LiveBlog.Status.ARCHIVED and blog.closed_at is not None
    assert live_blog_open(article=blog.article).is_live
    blog.refresh_from_db()
    assert blog.closed_at is None


def test_an_archived_blog_always_has_an_end_time():
    blog = LiveBlogFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveBlog.objects.filter(pk=blog.pk).update(status="archived")


def test_entries_are_sanitised_like_story_bodies():
    entry = live_entry_add(blog=LiveBlogFactory(), body='<p onclick="x()">Hi<script>alert(1)</script></p>')
    assert entry.body == "<p>Hi</p>"


def test_an_entry_needs_text():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        live_entry_add(blog=LiveBlogFactory(), body="<p></p>")


# ---- The page -----------------------------------------------------------------------------------------


def test_entries_newest_first_with_pinned_on_top_and_key_events_linking_to_them(client):
    blog = LiveBlogFactory()
    written = entries(blog, 8)
    key = written[1]
    key.is_key_event, key.title = True, "Polls close"
    key.save()
    pinned = written[0]
    pinned.is_pinned = True
    pinned.save()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    shown = entry_ids(html)
    stream = [entry.pk for entry in reversed(written) if entry.pk != pinned.pk]
    assert shown == [pinned.pk, *stream[:5]]
    # Key events: 7 entries in the stream, 5 a page; the key event is the sixth: page 2.
    assert f'href="?page=2#entry-{key.pk}"' in html
    assert "Polls close" in html
    assert 'aria-live="polite"' in html


def test_without_scripts_the_older_entries_are_on_later_pages(client):
    blog = LiveBlogFactory()
    written = entries(blog, 7)
    page2 = client.get(blog.article.get_absolute_url() + "?page=2").content.decode()
    assert entry_ids(page2) == [written[1].pk, written[0].pk]
    assert 'rel="prev"' in page2
    assert client.get(blog.article.get_absolute_url() + "?page=3").status_code == 404
    assert client.get(blog.article.get_absolute_url() + "?page=x").status_code == 404


def test_the_page_says_live_or_archived(client):
    blog = LiveBlogFactory()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert 'data-live-status="live"' in html
    live_blog_close(blog=blog)
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert 'data-live-status="archived"' in html and "Archived" in html


def test_an_ordinary_story_has_no_live_blog(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "data-live" not in html and "live.js" not in html


# ---- Permalinks ---------------------------------------------------------------------------------------


def test_a_permalink_opens_the_page_the_entry_is_on_at_the_entry(client):
    blog = LiveBlogFactory()
    written = entries(blog, 12)
    response = client.get(f"/en/live/{blog.pk}/entries/{written[0].pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{blog.article.get_absolute_url()}?page=3#entry-{written[0].pk}"
    newest = client.get(written[-1].get_absolute_url())
    assert newest["Location"] == f"{blog.article.get_absolute_url()}#entry-{written[-1].pk}"
    opened = client.get(f"{blog.article.get_absolute_url()}?page=3")
    assert written[0].pk in entry_ids(opened.content.decode())


def test_no_permalink_into_a_story_readers_cannot_see(client):
    blog = LiveBlogFactory(article=ArticleFactory(draft=True))
    entry = LiveEntryFactory(blog=blog)
    assert client.get(f"/en/live/{blog.pk}/entries/{entry.pk}/").status_code == 404
    live = LiveEntryFactory(blog=LiveBlogFactory(article=ArticleFactory(slug="live-en")))
    assert client.get(f"/ru/live/{live.blog_id}/entries/{live.pk}/").status_code == 404  # another edition's
    assert client.get(f"/en/live/{ArticleFactory().pk}/entries/1/").status_code == 404  # not a live blog


def test_a_permalink_to_a_deleted_entry_opens_the_blog(client):
    blog = LiveBlogFactory()
    entry = LiveEntryFactory(blog=blog)
    url = entry.get_absolute_url()
    live_entry_delete(entry=entry)
    assert client.get(url)["Location"] == blog.article.get_absolute_url()


# ---- The poll -----------------------------------------------------------------------------------------


def test_the_poll_hands_out_the_entries_after_an_id_and_when_to_ask_again(client, settings):
    settings.LIVE_POLL_SECONDS = 10
    blog = LiveBlogFactory()
    written = entries(blog, 4)
    data = client.get(poll_url(blog, written[1].pk)).json()
    assert [entry["id"] for entry in data["entries"]] == [written[2].pk, written[3].pk]
    assert f'id="entry-{written[3].pk}"' in data["entries"][1]["html"]
    assert data["status"] == "live" and data["latest"] == written[3].pk
    assert data["interval"] == 10 and data["hiddenInterval"] == 40
    # Nothing new for this reader: ask less often.
    quiet = client.get(poll_url(blog, written[3].pk)).json()
    assert quiet["entries"] == [] and quiet["interval"] == 20


def test_a_quiet_blog_is_polled_less_often(client, settings):
    settings.LIVE_POLL_SECONDS = 10
    blog = LiveBlogFactory()
    old = LiveEntryFactory(blog=blog, published_at=timezone.now() - timedelta(hours=2))
    assert client.get(poll_url(blog, old.pk)).json()["interval"] == 80


def test_a_page_that_holds_no_entry_yet_gets_the_first_ones(client):
    blog = LiveBlogFactory()
    html = client.get(blog.article.get_absolute_url()).content.decode()
    assert 'data-live-after="0"' in html and "No updates yet." in html
    assert client.get(poll_url(blog, 0)).json()["entries"] == []
    first = live_entry_add(blog=blog, body="<p>We are live.</p>")
    data = client.get(poll_url(blog, 0)).json()
    assert [entry["id"] for entry in data["entries"]] == [first.pk] and data["latest"] == first.pk


def test_an_archived_blog_tells_the_page_to_stop(client):
    blog = LiveBlogFactory()
    entry = LiveEntryFactory(blog=blog)
    live_blog_close(blog=blog)
    data = client.get(poll_url(blog, entry.pk)).json()
    assert data["status"] == "archived" and data["interval"] is None


def test_a_reader_far_behind_is_asked_to_reload(client):
    blog = LiveBlogFactory()
    written = entries(blog, 25)
    data = client.get(poll_url(blog, written[0].pk)).json()
    assert data["reload"] is True and data["entries"] == []


def test_bad_polls_get_4xx(client):
    blog = LiveBlogFactory()
    response = client.get(f"/en/live/{blog.pk}/entries/?after=abc")
    assert response.status_code == 400 and "after" in response.json()["error"]
    assert client.get("/en/live/999999/entries/").status_code == 404
    draft = LiveBlogFactory(article=ArticleFactory(draft=True, slug="draft-live"))
    assert client.get(poll_url(draft, 0)).status_code == 404
    assert client.post(poll_url(blog, 0)).status_code == 405


def test_a_repeated_poll_is_answered_from_the_shared_cache_without_a_query(client, django_assert_num_queries):
    blog = LiveBlogFactory()
    written = entries(blog, 3)
    first = client.get(poll_url(blog, written[1].pk))
    assert first["X-Page-Cache"] == "miss"
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "s-maxage=5" in cache_control
    with django_assert_num_queries(0):
        again = client.get(poll_url(blog, written[1].pk))
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    with django_assert_num_queries(0):
        revalidated = client.get(poll_url(blog, written[1].pk), HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    # Another reader's `after`: a miss for the page cache, still no query (the feed is kept).
    with django_assert_num_queries(0):
        assert client.get(poll_url(blog, written[0].pk)).json()["latest"] == written[2].pk


def test_a_new_entry_reaches_the_cached_poll_and_page_at_once(client):
    blog = LiveBlogFactory()
    first = LiveEntryFactory(blog=blog)
    assert client.get(poll_url(blog, first.pk)).json()["entries"] == []
    client.get(blog.article.get_absolute_url())
    new = live_entry_add(blog=blog, body="<p>Breaking: results are in.</p>")
    assert [entry["id"] for entry in client.get(poll_url(blog, first.pk)).json()["entries"]] == [new.pk]
    assert "results are in" in client.get(blog.article.get_absolute_url()).content.decode()
    live_entry_delete(entry=new)
    assert client.get(poll_url(blog, first.pk)).json()["latest"] == first.pk
    assert "results are in" not in client.get(blog.article.get_absolute_url()).content.decode()


def test_made_up_after_values_are_answered_but_never_stored(client):
    blog = LiveBlogFactory()
    entry = LiveEntryFactory(blog=blog)
    response = client.get(poll_url(blog, entry.pk + 12345))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.json()["latest"] == entry.pk  # the page goes back to the real newest id
    assert "X-Page-Cache" not in client.get(poll_url(blog, entry.pk + 12345))


# ---- JSON-LD -----------------------------------------------------------------------------------------

DATE_TIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
LIVE_BLOG_POSTING = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "headline",
        "url",
        "datePublished",
        "dateModified",
        "coverageStartTime",
        "author",
        "publisher",
        "image",
        "liveBlogUpdate",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "LiveBlogPosting"},
        "url": URL,
        "datePublished": DATE_TIME,
        "dateModified": DATE_TIME,
        "coverageStartTime": DATE_TIME,
        "coverageEndTime": DATE_TIME,
        "liveBlogUpdate": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["@type", "headline", "articleBody", "datePublished", "url"],
                "properties": {
                    "@type": {"const": "BlogPosting"},
                    "datePublished": DATE_TIME,
                    "url": URL,
                    "headline": {"type": "string", "minLength": 1},
                },
            },
        },
    },
}


def live_posting(client, blog):
    html = client.get(blog.article.get_absolute_url()).content.decode()
    found = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    postings = [item for item in found if item.get("@type") == "LiveBlogPosting"]
    assert len(postings) == 1
    return postings[0]


def test_live_blog_posting_json_ld_is_valid_and_lists_the_updates(client):
    blog = LiveBlogFactory()
    written = entries(blog, 3, author=AuthorFactory())
    written[0].body = "<p>A headline with </script><script>alert(1)</script></p>"
    written[0].save()
    posting = live_posting(client, blog)
    jsonschema.validate(posting, LIVE_BLOG_POSTING, format_checker=jsonschema.FormatChecker())
    assert [update["url"].rsplit("#", 1)[1] for update in posting["liveBlogUpdate"]] == [
        f"entry-{entry.pk}" for entry in reversed(written)
    ]
    assert "coverageEndTime" not in posting
    live_blog_close(blog=blog)
    closed = live_posting(client, blog)
    jsonschema.validate(closed, LIVE_BLOG_POSTING, format_checker=jsonschema.FormatChecker())
    assert closed["coverageEndTime"]


# ---- Query counts -----------------------------------------------------------------------------------

# Cold render (fragments off): the story page's own budget (tests/articles/test_query_counts.py, 6)
# plus the pinned entries, the key events, the stream's count and page, the entries' places (key events
# on later pages) and the JSON-LD's newest updates.
LIVE_PAGE_BUDGET = 6 + 6


@pytest.mark.usefixtures("page_cache_off", "fragment_cache_off")
@pytest.mark.parametrize("count", [3, 40])
def test_the_page_costs_the_same_with_few_or_many_entries(client, django_assert_max_num_queries, count):
    blog = LiveBlogFactory()
    written = entries(blog, count, author=AuthorFactory(), is_key_event=False)
    written[0].is_key_event = True
    written[0].save()
    written[-1].is_pinned = True
    written[-1].save()
    client.get(blog.article.get_absolute_url())  # the sections, as pages are normally served
    with django_assert_max_num_queries(LIVE_PAGE_BUDGET):
        assert client.get(blog.article.get_absolute_url()).status_code == 200


@pytest.mark.usefixtures("page_cache_off")
def test_a_warm_live_page_reads_nothing(client, django_assert_num_queries):
    blog = LiveBlogFactory()
    entries(blog, 7)
    client.get(blog.article.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(blog.article.get_absolute_url()).status_code == 200


@pytest.mark.usefixtures("page_cache_off", "fragment_cache_off")
@pytest.mark.parametrize("count", [3, 40])
def test_an_uncached_poll_costs_the_same_with_few_or_many_entries(client, django_assert_max_num_queries, count):
    blog = LiveBlogFactory()
    written = entries(blog, count, author=AuthorFactory())
    with django_assert_max_num_queries(2):  # the blog, the newest entries with photo and author
        assert client.get(poll_url(blog, written[-2].pk)).status_code == 200


# ---- manage.py live_entry -------------------------------------------------------------------------------


def test_live_entry_command_adds_an_entry():
    blog = LiveBlogFactory()
    out = StringIO()
    call_command("live_entry", str(blog.pk), "Polls have closed.\n\nCounting <b>starts</b>.", "--key-event", stdout=out)
    entry = LiveEntry.objects.get(blog=blog)
    assert entry.is_key_event
    assert entry.body == "<p>Polls have closed.</p>\n\n<p>Counting &lt;b&gt;starts&lt;/b&gt;.</p>"
    assert f"Entry {entry.pk} added" in out.getvalue()


def test_live_entry_command_refuses_what_it_cannot_do():
    story = ArticleFactory()
    with pytest.raises(CommandError, match="not a live blog"):
        call_command("live_entry", str(story.pk), "Text")
    blog = live_blog_open(article=story)
    with pytest.raises(CommandError, match="needs some text"):
        call_command("live_entry", str(blog.pk), "   ")
    live_blog_close(blog=blog)
    with pytest.raises(CommandError, match="archived"):
        call_command("live_entry", str(blog.pk), "Text")
