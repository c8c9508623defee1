"""The shared page cache: what is kept, for whom, what drops it, and what readers' browsers are told."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from articles import views as article_views
from articles.models import Article
from articles.ratings.services import Voter, rating_cast
from articles.services import article_save
from comments.models import Comment
from comments.services import comment_report, comments_approve, comments_mark_pick, comments_reject
from newsportal import pagecache
from newsportal.pagecache import store
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    CorrectionFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

HIT = "hit"
MALFORMED_CSRF = "not-a-token!"


@pytest.fixture
def section():
    return SectionFactory(slug="politics", name="Politics")


@pytest.fixture
def story(section):
    return ArticleFactory(section=section, title="Parliament passes the budget")


def get(client, url, **headers):
    return client.get(url, headers=headers)


def cached(client, url, **headers):
    """Fill the cache with the page, then return the next answer (which should come from it)."""
    first = get(client, url, **headers)
    assert first.status_code == 200
    return get(client, url, **headers)


# ---- What is kept and what readers get --------------------------------------------------------------


def test_second_visit_comes_from_the_cache_without_a_query(client, story, django_assert_num_queries):
    first = get(client, story.get_absolute_url())

    with django_assert_num_queries(0):
        second = get(client, story.get_absolute_url())

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == HIT
    assert second.content == first.content
    assert "Parliament passes the budget" in second.content.decode()


def test_cached_page_keeps_the_security_headers_of_the_inner_stack(client, story):
    response = cached(client, story.get_absolute_url())

    assert response["X-Page-Cache"] == HIT
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Language"] == "en"
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("name", "lifetimes"),
    [
        ("story", "public, max-age=300, s-maxage=300, stale-while-revalidate=60"),
        ("home", "public, max-age=60, s-maxage=60, stale-while-revalidate=30"),
        ("section", "public, max-age=60, s-maxage=60, stale-while-revalidate=30"),
    ],
)
def test_public_pages_say_how_long_browsers_and_proxies_may_keep_them(client, story, name, lifetimes):
    url = {"story": story.get_absolute_url(), "home": "/en/", "section": story.section.get_absolute_url()}[name]

    for response in (get(client, url), get(client, url)):
        assert response["Cache-Control"] == lifetimes
        assert response["ETag"]
        assert response["Last-Modified"]


@pytest.mark.parametrize(
    "cookies",
    [
        {},
        {"csrftoken": "a" * 32},
        {"csrftoken": MALFORMED_CSRF},
        {"csrftoken": "a" * 32, "voter": "someone:signature"},
        {"csrftoken": "a" * 32, "reader": "someone:signature", "np_reader": "someone:signature"},
    ],
    ids=["none", "csrftoken", "malformed-csrftoken", "csrftoken-and-voter", "csrftoken-and-reader"],
)
def test_readers_cookies_neither_vary_nor_set_anything_on_public_pages(client, story, cookies):
    for name, value in cookies.items():
        client.cookies[name] = value

    responses = [get(client, url) for url in (story.get_absolute_url(), "/en/", story.get_absolute_url())]

    for response in responses:
        assert response.status_code == 200
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies
    assert responses[-1]["X-Page-Cache"] == HIT


def test_readers_with_cookies_share_the_page_of_readers_without(client, story, django_assert_num_queries):
    get(client, story.get_absolute_url())
    client.cookies["csrftoken"] = MALFORMED_CSRF
    client.cookies["voter"] = "someone:signature"
    client.cookies["reader"] = "someone:signature"

    with django_assert_num_queries(0):
        response = get(client, story.get_absolute_url())

    assert response["X-Page-Cache"] == HIT


def test_edition_pages_do_not_vary_by_accept_language(client, story):
    english = get(client, "/en/", **{"Accept-Language": "en"})
    russian_reader = get(client, "/en/", **{"Accept-Language": "ru"})

    assert russian_reader["X-Page-Cache"] == HIT
    assert russian_reader.content == english.content
    assert "accept-language" not in english.get("Vary", "").lower()


def test_the_root_redirects_by_language_and_is_never_kept(client, story):
    for _ in range(2):
        response = get(client, "/", **{"Accept-Language": "ru"})
        assert response.status_code == 302
        assert response["Location"] == "/ru/"
        assert "X-Page-Cache" not in response


# ---- Who never gets or fills the shared cache -------------------------------------------------------


def test_staff_neither_get_nor_fill_the_shared_cache(client, editor, story, django_assert_num_queries):
    client.force_login(editor)
    for _ in range(2):
        response = get(client, story.get_absolute_url())
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    client.logout()
    client.cookies.clear()

    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"


def test_staff_get_a_fresh_page_even_when_readers_have_a_cached_one(client, editor, story):
    cached(client, story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(title="Changed behind the cache's back")
    client.force_login(editor)

    response = get(client, story.get_absolute_url())

    assert "Changed behind the cache&#x27;s back" in response.content.decode()


def test_any_session_cookie_bypasses_the_cache(client, story, settings):
    cached(client, story.get_absolute_url())
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"

    response = get(client, story.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert response.status_code == 200


def test_an_authorization_header_bypasses_the_cache(client, story):
    cached(client, story.get_absolute_url())

    response = get(client, story.get_absolute_url(), Authorization="Bearer token")

    assert "X-Page-Cache" not in response


def test_previews_are_never_kept(client, editor, section):
    draft = ArticleFactory(section=section, draft=True, title="Embargoed budget leak")
    client.force_login(editor)

    preview = get(client, draft.get_absolute_url())

    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    assert "ETag" not in preview
    client.logout()
    client.cookies.clear()
    assert get(client, draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/en/search/?q=budget", "/en/reader/csrf/"],
)
def test_search_and_reader_endpoints_are_not_kept(client, story, url):
    for _ in range(2):
        response = get(client, url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


def test_posts_are_never_answered_from_the_cache(client, story):
    cached(client, story.get_absolute_url())

    response = client.post(story.get_absolute_url())

    assert response.status_code == 405
    assert "X-Page-Cache" not in response


def test_not_found_pages_are_not_kept(client, section):
    for _ in range(2):
        response = get(client, "/en/politics/999-nothing/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_page_cache_seconds_zero_turns_it_off(client, story, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, story.get_absolute_url())

    response = get(client, story.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert response["ETag"]
    assert "public" in response["Cache-Control"]


def test_an_entry_older_than_page_cache_seconds_is_rendered_again(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 60
    get(client, story.get_absolute_url())

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        response = get(client, story.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"


# ---- Conditional GET ------------------------------------------------------------------------------


def test_if_none_match_gets_304_from_the_cache(client, story, django_assert_num_queries):
    etag = get(client, story.get_absolute_url())["ETag"]

    with django_assert_num_queries(0):
        response = get(client, story.get_absolute_url(), **{"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_gets_304_from_the_cache(client, story):
    last_modified = get(client, story.get_absolute_url())["Last-Modified"]

    response = get(client, story.get_absolute_url(), **{"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_changed_page_does_not_match_the_old_etag(client, story):
    etag = get(client, story.get_absolute_url())["ETag"]
    story.title = "Parliament rejects the budget"
    story.save()

    response = get(client, story.get_absolute_url(), **{"If-None-Match": etag})

    assert response.status_code == 200
    assert "Parliament rejects the budget" in response.content.decode()


def test_uncached_render_answers_304_too(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    etag = get(client, "/en/")["ETag"]

    response = get(client, "/en/", **{"If-None-Match": etag})

    assert response.status_code == 304


def test_head_is_answered_from_the_cache_without_a_body(client, story):
    get(client, story.get_absolute_url())

    response = client.head(story.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Page-Cache"] == HIT
    assert response.content == b""


# ---- What drops a cached page ---------------------------------------------------------------------


def test_editing_a_story_shows_on_its_page_and_on_lists(client, story):
    urls = [story.get_absolute_url(), "/en/", story.section.get_absolute_url()]
    for url in urls:
        cached(client, url)

    story.title = "Parliament rejects the budget"
    story.save()

    for url in urls:
        assert "Parliament rejects the budget" in get(client, url).content.decode(), url


def test_publishing_a_draft_shows_it_on_the_home_page(client, section):
    draft = ArticleFactory(section=section, draft=True, title="Central bank cuts rates")
    assert "Central bank cuts rates" not in cached(client, "/en/").content.decode()

    draft.status = Article.Status.PUBLISHED
    article_save(article=draft)

    assert "Central bank cuts rates" in get(client, "/en/").content.decode()
    assert get(client, draft.get_absolute_url()).status_code == 200


def test_unpublishing_withdraws_the_story_everywhere(client, story):
    cached(client, story.get_absolute_url())
    cached(client, "/en/")

    story.status = Article.Status.DRAFT
    story.save()

    assert get(client, story.get_absolute_url()).status_code == 404
    assert "Parliament passes the budget" not in get(client, "/en/").content.decode()


def test_deleting_a_story_withdraws_it(client, story):
    url = story.get_absolute_url()
    cached(client, url)

    story.delete()

    assert get(client, url).status_code == 404


def test_admin_bulk_unpublish_withdraws_the_story(client, editor, story):
    url = story.get_absolute_url()
    cached(client, url)
    cached(client, "/en/")
    staff = type(client)()
    staff.force_login(editor)

    staff.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [story.pk], "index": 0},
    )

    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
    assert get(client, url).status_code == 404
    assert "Parliament passes the budget" not in get(client, "/en/").content.decode()


def test_admin_bulk_publish_shows_the_story(client, editor, section):
    draft = ArticleFactory(section=section, draft=True, title="Central bank cuts rates")
    cached(client, "/en/")
    staff = type(client)()
    staff.force_login(editor)

    staff.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk], "index": 0},
    )

    assert "Central bank cuts rates" in get(client, "/en/").content.decode()


@pytest.mark.parametrize("minutes", [1, 11], ids=["entry-still-fresh", "entry-aged-out"])
def test_a_scheduled_story_appears_when_its_time_comes_without_any_save(client, section, minutes):
    ArticleFactory(section=section, title="Older news")
    due = timezone.now() + timedelta(minutes=minutes)
    ArticleFactory(section=section, title="Election results", published_at=due)
    section_url = section.get_absolute_url()
    assert "Election results" not in cached(client, "/en/").content.decode()
    assert "Election results" not in cached(client, section_url).content.decode()
    assert get(client, "/en/")["X-Page-Cache"] == HIT

    with time_machine.travel(due + timedelta(seconds=1)):
        home = [get(client, "/en/") for _ in range(3)]
        section_page = get(client, section_url)

    assert all("Election results" in response.content.decode() for response in home)
    assert home[-1]["X-Page-Cache"] == HIT
    assert "Election results" in section_page.content.decode()


def test_approving_a_comment_shows_it_and_its_count(client, story):
    comment = CommentFactory(article=story, status=Comment.Status.PENDING, text="The opposition walked out.")
    cached(client, story.get_absolute_url())
    cached(client, "/en/")

    comments_approve(comments=[comment])

    assert "The opposition walked out." in get(client, story.get_absolute_url()).content.decode()
    assert "1 comment" in get(client, "/en/").content.decode()


def test_rejecting_a_comment_removes_it(client, story):
    comment = CommentFactory(article=story, text="A comment the moderators regret.")
    comments_approve(comments=[comment])
    assert "A comment the moderators regret." in cached(client, story.get_absolute_url()).content.decode()

    comments_reject(comments=[comment])

    assert "A comment the moderators regret." not in get(client, story.get_absolute_url()).content.decode()


def test_a_comment_hidden_by_reports_disappears(client, story, settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 1
    comment = CommentFactory(article=story, text="A comment readers flag.")
    comments_approve(comments=[comment])
    assert "A comment readers flag." in cached(client, story.get_absolute_url()).content.decode()

    comment_report(comment=Comment.objects.get(pk=comment.pk), reporter="reader-1", ip_hash="a" * 64)

    assert "A comment readers flag." not in get(client, story.get_absolute_url()).content.decode()


def test_an_editors_pick_drops_the_story_page_only(client, story, django_assert_num_queries):
    comment = CommentFactory(article=story)
    comments_approve(comments=[comment])
    cached(client, story.get_absolute_url())
    cached(client, "/en/")

    comments_mark_pick(comments=[comment])

    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert get(client, "/en/")["X-Page-Cache"] == HIT


def test_a_vote_updates_the_rating_on_the_story_page(client, story):
    cached(client, story.get_absolute_url())

    rating_cast(article=story, voter=Voter(anonymous_id="reader-1"), score=5)

    assert "data-rating-average>5.0<" in get(client, story.get_absolute_url()).content.decode()


def test_a_vote_keeps_the_edition_lists_cached(client, story, django_assert_num_queries):
    cached(client, story.section.get_absolute_url())

    rating_cast(article=story, voter=Voter(anonymous_id="reader-1"), score=5)

    with django_assert_num_queries(0):
        assert get(client, story.section.get_absolute_url())["X-Page-Cache"] == HIT
    assert get(client, "/en/")["X-Page-Cache"] == "miss"  # "top rated" is on the home page


def test_a_vote_through_the_reader_endpoint_drops_the_story_page(client, story, settings):
    cached(client, story.get_absolute_url())

    response = client.post(
        reverse("articles:rate", kwargs={"pk": story.pk}),
        {"score": "4"},
        headers={"Accept": "application/json", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)"},
    )

    assert response.status_code == 200
    page = get(client, story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "data-rating-average>4.0<" in page.content.decode()


def test_a_correction_shows_on_the_story(client, story):
    cached(client, story.get_absolute_url())

    CorrectionFactory(article=story, text="An earlier version misstated the vote count.")

    assert "An earlier version misstated the vote count." in get(client, story.get_absolute_url()).content.decode()


def test_a_related_link_shows_on_the_story(client, story):
    cached(client, story.get_absolute_url())

    RelatedLinkFactory(article=story, title="The full committee report")

    assert "The full committee report" in get(client, story.get_absolute_url()).content.decode()


def test_tagging_a_story_shows_on_its_page_and_the_tag_page(client, story):
    ArticleFactory(section=story.section, title="Older election news", tags=["Elections"])
    cached(client, story.get_absolute_url())
    assert "Parliament passes the budget" not in cached(client, "/en/tags/elections/").content.decode()

    story.tags.add("Elections")  # the tag exists: only the link between them is written

    assert 'href="/en/tags/elections/"' in get(client, story.get_absolute_url()).content.decode()
    assert "Parliament passes the budget" in get(client, "/en/tags/elections/").content.decode()


def test_a_byline_added_shows_on_the_story(client, story):
    author = AuthorFactory(name="Maria Ivanova")
    cached(client, story.get_absolute_url())

    story.authors.add(author)

    assert "Maria Ivanova" in get(client, story.get_absolute_url()).content.decode()


def test_renaming_a_section_shows_in_the_navigation(client, story):
    cached(client, "/en/")

    story.section.name = "Government"
    story.section.save()

    assert "Government" in get(client, "/en/").content.decode()


def test_feeds_follow_publication(client, section):
    ArticleFactory(section=section, title="Older news")
    cached(client, "/en/feeds/rss/")

    ArticleFactory(section=section, title="Central bank cuts rates")

    assert "Central bank cuts rates" in get(client, "/en/feeds/rss/").content.decode()


def test_a_write_during_a_render_does_not_leave_the_old_page_cached(client, story, monkeypatch):
    """The versions are read before the view reads the database: a change committed in between makes
    the stored page out of date at once."""
    real_get_object = article_views.StoryView.get_object

    def get_object_then_edit(self, queryset=None):
        article = real_get_object(self, queryset)
        pagecache.site_changed()  # an editor saves while this page renders
        return article

    monkeypatch.setattr(article_views.StoryView, "get_object", get_object_then_edit)
    get(client, story.get_absolute_url())
    monkeypatch.setattr(article_views.StoryView, "get_object", real_get_object)

    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"


# ---- Faults ---------------------------------------------------------------------------------------


def test_with_the_database_failing_readers_get_the_last_good_copy(client, story, monkeypatch):
    first = get(client, story.get_absolute_url())
    pagecache.site_changed()  # the copy is out of date, so the view runs

    def database_down(self, queryset=None):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(article_views.StoryView, "get_object", database_down)
    client.raise_request_exception = False
    response = get(client, story.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert response.content == first.content
    assert response["Cache-Control"] == "public, max-age=10"


def test_with_the_database_failing_and_no_copy_the_error_stands(client, story, monkeypatch):
    def database_down(self, queryset=None):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(article_views.StoryView, "get_object", database_down)
    client.raise_request_exception = False

    assert get(client, story.get_absolute_url()).status_code >= 500


@pytest.fixture
def redis_down(settings):
    """The default cache points at a port where nothing listens."""
    settings.CACHES = {
        "default": {
            # The backend production uses (newsportal.cache): it degrades to "no cache" while Redis is down.
            "BACKEND": "newsportal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:8199/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def test_with_redis_unreachable_pages_are_served_uncached(client, story, redis_down):
    for _ in range(2):
        response = get(client, story.get_absolute_url())
        assert response.status_code == 200
        assert "Parliament passes the budget" in response.content.decode()
        assert "X-Page-Cache" not in response
        assert response["ETag"]


def test_with_redis_unreachable_writes_still_succeed(story, redis_down):
    story.title = "Edited while Redis is away"
    story.save()
    comments_approve(comments=[CommentFactory(article=story, status=Comment.Status.PENDING)])

    assert Article.objects.get(pk=story.pk).comment_count == 1


def test_a_change_made_by_another_instance_is_seen_once_remembered_versions_age(client, story, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    cached(client, story.get_absolute_url())

    # Another instance's bump: the shared version changes, nothing this process remembers does.
    cache.incr(store.version_key(pagecache.story_scope(story.pk)))

    assert get(client, story.get_absolute_url())["X-Page-Cache"] == "miss"
