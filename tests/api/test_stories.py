"""The partner API as partners use it: ninjs documents, filters, cursors, scope, caching headers."""

import base64
import json
from datetime import timedelta

import jsonschema
import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.api.models import ApiKey
from articles.api.ninjs import story_uri
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RelatedLinkFactory, SectionFactory

from .conftest import assert_ninjs

pytestmark = pytest.mark.django_db


def contract(client, path, status, body):
    """The response body matches what /api/v1/openapi.json promises for this path and status."""
    openapi = client.get("/api/v1/openapi.json").json()
    operation = openapi["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    document = {**schema, "components": openapi["components"]}
    jsonschema.Draft202012Validator(document).validate(body)


def test_a_story_in_full_is_valid_ninjs_and_matches_the_openapi_schema(partner):
    author = AuthorFactory(name="Anna Petrova")
    story = ArticleFactory(title="Budget passes", authors=[author], image=PhotoFactory(), source_name="TASS")
    story.tags.add("Budget")
    RelatedLinkFactory(article=story)
    RelatedLinkFactory(article=story, target=ArticleFactory(title="The earlier vote"), url="", title="")

    response = partner.get(f"/api/v1/stories/{story.pk}")

    assert response.status_code == 200
    doc = response.json()
    assert_ninjs(doc)
    contract(partner, "/api/v1/stories/{story_id}", 200, doc)
    assert doc["uri"] == story_uri(story.pk)
    assert doc["pubstatus"] == "usable"
    assert doc["urgency"] == 5  # routine, the default
    assert doc["headlines"] == [{"role": "main", "value": "Budget passes"}]
    assert doc["descriptions"][0]["value"] == story.lead
    assert "<p>The bill passed" in doc["bodies"][0]["value"]
    assert doc["language"] == "en"
    assert {"name": "Budget", "rel": "tag", "literal": "budget"} in doc["subjects"]
    assert doc["subjects"][0]["rel"] == "section"
    assert doc["people"][0]["name"] == "Anna Petrova"
    assert doc["by"] == "Anna Petrova"
    assert doc["infosources"][0]["name"] == "TASS"
    picture, *related = doc["associations"]
    assert picture["type"] == "picture"
    assert picture["renditions"][0]["href"].startswith("http://testserver/")
    assert {item["headlines"][0]["value"] for item in related} == {"The full report", "The earlier vote"}


def test_the_uri_stays_when_the_story_moves_or_is_renamed(partner):
    story = ArticleFactory()
    before = partner.get(f"/api/v1/stories/{story.pk}").json()
    story.title, story.slug, story.section = "Renamed", "renamed", SectionFactory(slug="world")
    story.save()
    after = partner.get(f"/api/v1/stories/{story.pk}").json()
    assert after["uri"] == before["uri"]
    assert int(after["version"]) > int(before["version"])


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_drafts_and_scheduled_stories_never_appear(partner, kind):
    hidden = ArticleFactory(**{kind: True}, title="Secret plans")
    live = ArticleFactory()
    RelatedLinkFactory(article=live, target=hidden, url="", title="")

    listed = partner.get("/api/v1/stories").content.decode()
    detail = partner.get(f"/api/v1/stories/{hidden.pk}")
    changes = partner.get("/api/v1/changes").content.decode()
    live_doc = partner.get(f"/api/v1/stories/{live.pk}").content.decode()

    assert detail.status_code == 404
    contract(partner, "/api/v1/stories/{story_id}", 404, detail.json())
    for text in (listed, changes, live_doc):
        assert "Secret plans" not in text
        assert story_uri(hidden.pk) not in text


def test_a_withdrawn_story_is_only_its_status_line(partner):
    story = ArticleFactory(title="Retracted claim")
    story.status = Article.Status.DRAFT
    story.save()

    doc = partner.get(f"/api/v1/stories/{story.pk}").json()

    assert doc["pubstatus"] == "canceled"
    assert set(doc) == {"uri", "version", "versioncreated", "pubstatus"}
    assert_ninjs(doc)
    assert "Retracted claim" not in partner.get("/api/v1/stories").content.decode()


def test_list_filters_by_edition_section_tag_and_update_time(partner):
    politics = SectionFactory(slug="politics")
    old = ArticleFactory(section=politics, published_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=old.pk).update(modified_at=timezone.now() - timedelta(days=3))
    tagged = ArticleFactory(section=politics)
    tagged.tags.add("Elections")
    ArticleFactory()  # another section
    russian = ArticleFactory(edition="ru", urgency=Article.Urgency.FLASH)

    def uris(query):
        return [item["uri"] for item in partner.get(f"/api/v1/stories?{query}").json()["items"]]

    assert uris("edition=ru") == [story_uri(russian.pk)]
    assert uris("urgency=flash") == [story_uri(russian.pk)]
    assert partner.get(f"/api/v1/stories/{russian.pk}").json()["urgency"] == 1
    assert set(uris("section=politics")) == {story_uri(old.pk), story_uri(tagged.pk)}
    assert uris(f"tag={Tag.objects.get(name='Elections').slug}") == [story_uri(tagged.pk)]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert story_uri(old.pk) not in uris(f"updated_since={since.replace('+', '%2B')}")


def test_cursor_pages_are_stable_while_new_stories_are_published(partner):
    stories = [ArticleFactory(published_at=timezone.now() - timedelta(minutes=n)) for n in range(1, 6)]
    first = partner.get("/api/v1/stories?limit=2").json()
    ArticleFactory(published_at=timezone.now())  # published between two page requests
    seen = [item["uri"] for item in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = partner.get(f"/api/v1/stories?limit=2&cursor={cursor}").json()
        contract(partner, "/api/v1/stories", 200, page)
        seen += [item["uri"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == [story_uri(story.pk) for story in stories]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cursor=garbage", "cursor"),
        ("edition=xx", "edition"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("urgency=soon", "urgency"),
        ("updated_since=yesterday", ""),
    ],
)
def test_bad_parameters_are_400_with_the_reason(partner, query, message):
    response = partner.get(f"/api/v1/stories?{query}")
    assert response.status_code == 400
    assert message in response.json()["detail"]
    contract(partner, "/api/v1/stories", 400, response.json())


def test_no_key_or_a_wrong_or_revoked_key_is_401(client, api_key):
    story = ArticleFactory()
    assert client.get("/api/v1/stories").status_code == 401
    wrong = client.get("/api/v1/stories", HTTP_AUTHORIZATION="Bearer np_not-a-key")
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Bearer")
    api_key.revoke()
    revoked = client.get(f"/api/v1/stories/{story.pk}", HTTP_AUTHORIZATION=f"Bearer {api_key.raw}")
    assert revoked.status_code == 401
    contract(client, "/api/v1/stories", 401, revoked.json())


def test_a_key_reads_only_its_editions(client):
    key, raw = ApiKey.issue(name="Russian partner", editions=["ru"])
    english = ArticleFactory(edition="en")
    russian = ArticleFactory(edition="ru", urgency=Article.Urgency.FLASH)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    forbidden = client.get("/api/v1/stories?edition=en", **auth)
    assert forbidden.status_code == 403
    contract(client, "/api/v1/stories", 403, forbidden.json())
    assert client.get(f"/api/v1/stories/{english.pk}", **auth).status_code == 403
    listed = [item["uri"] for item in client.get("/api/v1/stories", **auth).json()["items"]]
    assert listed == [story_uri(russian.pk)]
    changed = [item["uri"] for item in client.get("/api/v1/changes", **auth).json()["items"]]
    assert story_uri(english.pk) not in changed


def test_every_get_has_an_etag_and_answers_304_when_unchanged(partner):
    story = ArticleFactory()
    for path in ("/api/v1/stories", f"/api/v1/stories/{story.pk}", "/api/v1/changes"):
        first = partner.get(path)
        assert first["Cache-Control"] == "private, no-cache"
        again = partner.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, path
        assert again.content == b""
    story.title = "A new headline"
    story.save()
    changed = partner.get(f"/api/v1/stories/{story.pk}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_rate_limit_headers_count_down_and_429_past_the_limit(client):
    key, raw = ApiKey.issue(name="Small partner", requests_per_minute=2)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    first = client.get("/api/v1/stories", **auth)
    second = client.get("/api/v1/stories", **auth)
    third = client.get("/api/v1/stories", **auth)
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("2", "1")
    assert second["RateLimit-Remaining"] == "0"
    assert third.status_code == 429
    contract(client, "/api/v1/stories", 429, third.json())
    assert int(third["Retry-After"]) <= 60
    assert third["RateLimit-Remaining"] == "0"


def test_openapi_schema_and_docs_are_served_without_another_host(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert set(schema.json()["paths"]) == {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/changes"}
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # The site's own policy, with no exception for this page (the browser test shows it works under it).
    assert "unsafe-inline" not in docs["Content-Security-Policy"]


def test_out_of_range_ids_and_cursors_are_answered_not_crashed(partner):
    ArticleFactory()
    assert partner.get("/api/v1/stories/99999999999999999999").status_code == 404
    cursor = base64.urlsafe_b64encode(json.dumps(["2026-01-01T00:00:00+00:00", 10**30]).encode()).decode()
    assert partner.get(f"/api/v1/stories?cursor={cursor}").status_code == 200
    assert partner.get(f"/api/v1/changes?cursor={cursor}").status_code == 200
    naive = base64.urlsafe_b64encode(json.dumps(["2026-01-01T00:00:00", 1]).encode()).decode()
    assert partner.get(f"/api/v1/changes?cursor={naive}").status_code == 400
    assert partner.get("/api/v1/stories?updated_since=2026-01-01T00:00:00").status_code == 400
