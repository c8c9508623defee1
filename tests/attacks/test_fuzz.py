"""Fuzzing every reader endpoint and every query parameter of every public page through Django's test
client: any method, body, content type and charset, headers and cookies. Never a 5xx.

Profiles (tests/attacks/conftest.py): "quick" in `make test`, HYPOTHESIS_PROFILE=long in `make audit`.
"""

import json

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, LiveBlogFactory, LiveEntryFactory

from .corpus import payloads

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=np-boundary",
    "multipart/form-data",
    "application/json",
    "text/plain",
    "application/xml",
    "",
]
CHARSETS = ["", "utf-8", "latin-1", "utf-16", "ascii", "koi8-r", "no-such-charset"]

# Short strings with the corpus mixed in (huge ones too: they are what a limit has to refuse).
words = st.one_of(
    st.text(max_size=40),
    st.sampled_from([text for _id, text in payloads()]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "-1", "1e309", "NaN", "null", "[]", "{}", "%00", "\x00", "1/0", "../"]),
)


def json_values(depth=4):
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), words)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
        max_leaves=depth * 4,
    )


def deep_json(depth):
    return "[" * depth + "]" * depth


@st.composite
def bodies(draw, fields):
    """A body and its content type: a form, JSON, multipart, or bytes, with a declared charset."""
    kind = draw(st.sampled_from(["form", "json", "deep-json", "bytes", "multipart"]))
    names = st.sampled_from(fields) | words if fields else words
    params = draw(st.dictionaries(names, words, max_size=6))
    charset = draw(st.sampled_from(CHARSETS))
    if kind == "form":
        from urllib.parse import urlencode

        body, content_type = urlencode(params).encode(), "application/x-www-form-urlencoded"
    elif kind == "json":
        body, content_type = (
            json.dumps(draw(json_values()) if draw(st.booleans()) else params).encode(),
            "application/json",
        )
    elif kind == "deep-json":
        body, content_type = deep_json(draw(st.integers(min_value=1, max_value=100_000))).encode(), "application/json"
    elif kind == "multipart":
        parts = "".join(
            f'--np-boundary\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            for key, value in params.items()
        )
        body = (parts + "--np-boundary--\r\n").encode("utf-8", "surrogatepass")
        content_type = draw(st.sampled_from(["multipart/form-data; boundary=np-boundary", "multipart/form-data"]))
    else:
        body, content_type = draw(st.binary(max_size=200)), draw(st.sampled_from(CONTENT_TYPES))
    if charset and content_type:
        content_type = f"{content_type}; charset={charset}"
    return body, content_type


headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT": st.sampled_from(["application/json", "text/html", "*/*", "application/json, text/html", ""])
        | words,
        "HTTP_USER_AGENT": st.sampled_from(["Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "curl/8.0", ""]) | words,
        "HTTP_ACCEPT_LANGUAGE": st.sampled_from(["ru", "en", "ru-RU,ru;q=0.9", "*", "zz"]) | words,
        "HTTP_X_FORWARDED_FOR": st.sampled_from(["203.0.113.7", "::1", "1.2.3.4, 10.0.0.1", "not-an-address"]) | words,
        "HTTP_REFERER": words,
        "HTTP_ORIGIN": st.sampled_from(["null", "https://evil.example", "http://testserver"]) | words,
        "HTTP_COOKIE": st.sampled_from(["np_reader=x", "voter=garbage", "sessionid=0", "csrftoken=short"]) | words,
        "HTTP_RANGE": words,
        "HTTP_IF_MODIFIED_SINCE": words,
    },
)


def printable_header(value):
    """WSGI headers are latin-1 strings; the client cannot send anything else."""
    return value.encode("latin-1", "replace").decode("latin-1").replace("\r", " ").replace("\n", " ")


def send(method, url, body, content_type, extra, query=None):
    client = Client(raise_request_exception=False)
    extra = {key: printable_header(value) for key, value in extra.items()}
    response = client.generic(method, url, body, content_type=content_type, QUERY_STRING=query or "", **extra)
    assert response.status_code < 500, (method, url, query, content_type, body[:200], response.status_code)
    return response


@pytest.fixture
def site(db):
    """A small site: a story with comments in each edition, an author, a tag."""
    author = AuthorFactory(slug="anna-petrova")
    story = ArticleFactory(authors=[author], tags=["budget"])
    comment = CommentFactory(article=story)
    ru = ArticleFactory(edition="ru", section__slug="ekonomika", tags=["ставка"])
    live = LiveEntryFactory(blog=LiveBlogFactory(article__section=story.section), is_key_event=True)
    return {"story": story, "comment": comment, "ru": ru, "live": live}


@pytest.fixture
def open_limits(settings):
    """No rate limit in the way (set once per test: settings changed inside an example would pile up)."""
    settings.COMMENTS_RATE = settings.COMMENTS_REPORT_RATE = settings.TYPO_RATE_LIMIT = "100000/m"
    settings.RATING_RATE_LIMIT = settings.VIEW_COUNT_RATE = "100000/m"


def reader_endpoints(site):
    story, comment = site["story"], site["comment"]
    return {
        "comment": (
            f"/en/comments/{story.pk}/post/",
            ["author_name", "author_email", "text", "website", "reply_to", "issued"],
        ),
        "comment-state": (f"/en/comments/{story.pk}/state/", []),
        "comment-goto": (f"/en/comments/{comment.pk}/", []),
        "report": ("/en/comments/report/", ["comment"]),
        "typo": ("/en/reader/typo/", ["article", "selection", "before", "after", "comment", "url"]),
        "rate": (f"/en/reader/rate/{story.pk}/", ["score"]),
        "rating-state": (f"/en/reader/rate/{story.pk}/state/", []),
        "seen": (f"/en/reader/seen/{story.pk}/", []),
        "csrf": ("/en/reader/csrf/", []),
    }


@pytest.mark.parametrize(
    "endpoint", ["comment", "comment-state", "comment-goto", "report", "typo", "rate", "rating-state", "seen", "csrf"]
)
@given(method=st.sampled_from(METHODS), body=st.data(), extra=headers)
def test_reader_endpoints_never_answer_5xx(site, open_limits, endpoint, method, body, extra):
    url, fields = reader_endpoints(site)[endpoint]
    payload, content_type = body.draw(bodies(fields))
    send(method, url, payload, content_type, extra)


def public_pages(site):
    story, ru = site["story"], site["ru"]
    return {
        "home": ("/en/", []),
        "home-ru": ("/ru/", []),
        "section": (story.section.get_absolute_url(), ["page"]),
        "story": (story.get_absolute_url(), ["comments", "cpage", "rated", "typo", "comment", "reported"]),
        "story-ru": (ru.get_absolute_url(), ["comments", "cpage"]),
        "tag": ("/en/tags/budget/", ["page"]),
        "author": ("/en/authors/anna-petrova/", ["page"]),
        "archive-year": ("/en/archive/2026/", ["page"]),
        "archive-month": ("/en/archive/2026/01/", ["page"]),
        "archive-day": ("/en/archive/2026/01/15/", ["page"]),
        "search": ("/en/search/", ["q", "section", "date_from", "date_to", "page"]),
        "comment-form": (f"/en/comments/{story.pk}/post/", ["reply_to"]),
        "feed-rss": ("/en/feeds/rss/", []),
        "feed-atom": ("/en/feeds/atom/", []),
        "feed-section": (f"/en/feeds/sections/{story.section.slug}/rss/", []),
        "feed-tag": ("/en/feeds/tags/budget/atom/", []),
        "sitemap": ("/sitemap.xml", ["p"]),
        "sitemap-section": ("/sitemap-news-en.xml", ["p"]),
        "robots": ("/robots.txt", []),
        "set-language": ("/i18n/setlang/", ["language", "next"]),
        "live-blog": (site["live"].blog.article.get_absolute_url(), ["page"]),
        "live-poll": (f"/en/live/{site['live'].blog_id}/entries/", ["after"]),
        "live-permalink": (site["live"].get_absolute_url(), []),
    }


@st.composite
def queries(draw, names):
    from urllib.parse import quote

    params = draw(st.lists(st.tuples(st.sampled_from(names) | words if names else words, words), max_size=5))
    raw = draw(st.booleans())  # a query string as written by hand, not encoded
    if raw:
        return "&".join(f"{key}={value}" for key, value in params).encode("utf-8", "surrogatepass").decode("latin-1")
    return "&".join(
        f"{quote(key, safe='', errors='surrogatepass')}={quote(value, safe='', errors='surrogatepass')}"
        for key, value in params
    )


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "home-ru",
        "section",
        "story",
        "story-ru",
        "tag",
        "author",
        "archive-year",
        "archive-month",
        "archive-day",
        "search",
        "comment-form",
        "feed-rss",
        "feed-atom",
        "feed-section",
        "feed-tag",
        "sitemap",
        "sitemap-section",
        "robots",
        "set-language",
        "live-blog",
        "live-poll",
        "live-permalink",
    ],
)
@given(method=st.sampled_from(["GET", "GET", "HEAD", "POST", "OPTIONS"]), query=st.data(), extra=headers)
def test_public_pages_never_answer_5xx(site, page, method, query, extra):
    url, names = public_pages(site)[page]
    send(method, url, b"", "", extra, query=query.draw(queries(names)))


@given(segment=words)
def test_any_path_segment_is_a_page_or_a_4xx(site, segment):
    from urllib.parse import quote

    encoded = quote(segment, safe="", errors="surrogatepass")
    for pattern in (
        "/en/{}/",
        "/en/tags/{}/",
        "/en/authors/{}/",
        "/en/feeds/tags/{}/rss/",
        "/ru/{}/1-x/",
        "/sitemap-{}.xml",
    ):
        send("GET", pattern.format(encoded), b"", "", {})


# Bodies that broke a parser before; sent every run, whatever the fuzzing profile draws.
HOSTILE_BODIES = {
    "form-utf-16": ("score=4&text=hello".encode("utf-16"), "application/x-www-form-urlencoded; charset=utf-16"),
    "form-unknown-charset": (b"score=4", "application/x-www-form-urlencoded; charset=no-such-charset"),
    "form-latin-1-bytes": (b"text=\xff\xfe\xfd&score=\xe9", "application/x-www-form-urlencoded"),
    "json-100000-deep": (deep_json(100_000).encode(), "application/json"),
    "json-utf-16": ('{"score": 4}'.encode("utf-16"), "application/json"),
    "json-not-an-object": (b'"score"', "application/json"),
    "multipart-no-boundary": (b"--x\r\n\r\n", "multipart/form-data"),
    "multipart-truncated": (
        b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhal',
        "multipart/form-data; boundary=b",
    ),
}


@pytest.mark.parametrize("body", HOSTILE_BODIES)
@pytest.mark.parametrize("endpoint", ["comment", "report", "typo", "rate", "seen"])
def test_reader_endpoints_with_bodies_that_break_parsers(site, endpoint, body):
    url, _fields = reader_endpoints(site)[endpoint]
    payload, content_type = HOSTILE_BODIES[body]
    send("POST", url, payload, content_type, {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/128.0"})


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "no-such-charset"])
@pytest.mark.parametrize("endpoint", ["comment", "report", "typo", "rate"])
def test_a_form_with_a_valid_token_in_an_odd_charset(site, endpoint, charset):
    """The CSRF check reads the form before the view does: a charset it cannot read must not 500 there."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = client.get("/en/reader/csrf/").json()["csrfToken"]
    url, _fields = reader_endpoints(site)[endpoint]
    body = f"csrfmiddlewaretoken={token}&score=4&text=hello"
    encoded = body.encode(charset) if charset != "no-such-charset" else body.encode()
    response = client.generic(
        "POST",
        url,
        encoded,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        HTTP_X_CSRFTOKEN=token,
        HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0",
    )
    assert response.status_code < 500, (endpoint, charset, response.status_code)
