"""Hostile or broken input gets a 4xx with a message, never a 500."""

import json

import pytest
from django.test import Client
from taggit.models import Tag

from articles.tags import usable_slug
from comments.models import Comment
from comments.typos.models import TypoReport
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)"}


@pytest.fixture
def client():
    """A client that answers like the server does: an uncaught error is a 500 page, not a test error."""
    return Client(raise_request_exception=False, **BROWSER)


@pytest.fixture
def csrf_client():
    """A browser holding a valid token, so the request reaches the body parsing."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False, **BROWSER)
    client.cookies["csrftoken"] = "a" * 32
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/en/tags/%00/",
        "/en/tags/a%00b/",
        "/en/feeds/tags/%00/rss/",
        "/en/feeds/tags/%00/atom/",
        "/en/authors/%00/",
        "/en/comments/%00/",
    ],
)
def test_a_nul_in_the_address_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/en/search/?q=%00", "/en/?page=%00", "/en/archive/2025/?page=1%00", "/en/search/?q=a&section=%00"],
)
def test_a_nul_in_a_query_value_is_a_4xx_or_a_normal_page(client, url):
    ArticleFactory()
    assert client.get(url).status_code in (200, 400, 404)


def nested(depth):
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("body", [nested(100_000), b'{"a":' * 5000 + b"1" + b"}" * 5000])
def test_deeply_nested_json_is_a_400(csrf_client, body, settings):
    settings.READER_BODY_LIMITS = {}  # the parser itself must cope, whatever the body limit
    story = ArticleFactory()
    headers = {"HTTP_X_CSRFTOKEN": "a" * 32, "HTTP_ACCEPT": "application/json"}
    vote = csrf_client.generic("POST", f"/en/reader/rate/{story.pk}/", body, content_type="application/json", **headers)
    assert vote.status_code == 400
    typo = csrf_client.generic("POST", "/en/reader/typo/", body, content_type="application/json", **headers)
    assert typo.status_code == 400
    assert not TypoReport.objects.exists()


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "no-such-charset"])
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_form_in_an_odd_charset_is_a_400(csrf_client, charset, accept):
    story = ArticleFactory()
    body = f"text=hello&csrfmiddlewaretoken={'a' * 32}".encode()
    for url in (f"/en/comments/{story.pk}/post/", "/en/reader/typo/", f"/en/reader/rate/{story.pk}/"):
        response = csrf_client.generic(
            "POST",
            url,
            body,
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
            HTTP_X_CSRFTOKEN="a" * 32,
            HTTP_ACCEPT=accept,
        )
        assert response.status_code == 400, url
        if accept == "application/json":
            assert response.json()["ok"] is False and response.json()["message"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("value", ["²", "٣", "1" * 40, "-1"])
def test_odd_numbers_in_comment_fields_are_refused_cleanly(client, value, form_data):
    comment = CommentFactory()
    report = client.post("/en/comments/report/", {"comment": value})
    assert report.status_code == 404
    form = client.get(f"/en/comments/{comment.article.pk}/post/?reply_to={value}")
    assert form.status_code == 200
    reply = client.post(f"/en/comments/{comment.article.pk}/post/", form_data(reply_to=value))
    assert reply.status_code in (400, 302)


@pytest.mark.parametrize("name", ["!!!", "???", "…", "--"])
def test_a_punctuation_only_tag_gets_an_address_and_its_stories_show(client, name):
    story = ArticleFactory(tags=[name, "!!"])
    tag = Tag.objects.get(name=name)
    assert usable_slug(tag.slug)
    assert client.get(story.get_absolute_url()).status_code == 200
    page = client.get(f"/en/tags/{tag.slug}/")
    assert page.status_code == 200
    assert story.title in page.content.decode()
    assert client.get(f"/en/feeds/tags/{tag.slug}/rss/").status_code == 200


def test_the_migration_gives_old_empty_slugs_an_address():
    from importlib import import_module

    from django.apps import apps

    Tag.objects.bulk_create([Tag(name="!!!", slug=""), Tag(name="???", slug="_1"), Tag(name="fine", slug="fine")])
    import_module("articles.migrations.0009_tag_slugs").fix_tag_slugs(apps, None)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert all(usable_slug(slug) for slug in slugs.values())
    assert slugs["fine"] == "fine"
    assert len(set(slugs.values())) == 3


class TestBodyLimits:
    def test_an_oversized_comment_is_refused_unread(self, client, story, form_data, post_url):
        response = client.post(post_url(story), form_data(text="x" * 200_000))
        assert response.status_code == 413
        page = response.content.decode()
        assert "too long" in page
        assert len(page) < 20_000  # not echoed back
        assert not Comment.objects.exists()

    def test_scripts_get_json(self, client, story, form_data, post_url):
        response = client.post(post_url(story), form_data(text="x" * 200_000), HTTP_ACCEPT="application/json")
        assert response.status_code == 413
        assert "too long" in response.json()["message"]

    @pytest.mark.parametrize("url", ["/en/reader/typo/", "/en/comments/report/", "/en/reader/rate/1/"])
    def test_other_reader_endpoints_have_their_own_limit(self, client, url):
        response = client.post(url, {"comment": "x" * 100_000})
        assert response.status_code == 413

    def test_a_longest_comment_in_four_byte_characters_still_fits(self, client, form_data, post_url, settings):
        story = ArticleFactory(comments_moderation="post")
        text = "😀" * settings.COMMENTS_MAX_LENGTH
        response = client.post(post_url(story), form_data(text=text))
        assert response.status_code == 302
        assert Comment.objects.get().text == text

    def test_a_comment_over_the_field_limit_comes_back_whole(self, client, story, form_data, post_url, settings):
        text = "y" * (settings.COMMENTS_MAX_LENGTH + 50)
        response = client.post(post_url(story), form_data(text=text))
        assert response.status_code == 400
        assert text in response.content.decode()

    def test_the_limit_is_well_under_djangos(self, settings):
        assert max(settings.READER_BODY_LIMITS.values()) * 10 < 2_621_440


def test_json_bodies_report_the_error_as_json(csrf_client):
    story = ArticleFactory()
    response = csrf_client.post(
        f"/en/reader/rate/{story.pk}/",
        json.dumps({"score": 9}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN="a" * 32,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
