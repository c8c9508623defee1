"""The changes feed: replayed into an empty mirror, it gives back exactly the stories partners may use."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.api.ninjs import story_uri
from articles.models import Article
from tests.factories import ArticleFactory, CorrectionFactory

from .conftest import assert_ninjs
from .test_stories import contract

pytestmark = pytest.mark.django_db


def replay(client, mirror, cursor=None):
    """Apply every change since `cursor` to `mirror` (uri -> document); returns the last cursor."""
    while True:
        query = f"?limit=3&cursor={cursor}" if cursor else "?limit=3"
        page = client.get(f"/api/v1/changes{query}").json()
        contract(client, "/api/v1/changes", 200, page)
        for item in page["items"]:
            assert_ninjs(item)
            if item["pubstatus"] == "usable":
                mirror[item["uri"]] = item
            else:
                mirror.pop(item["uri"], None)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return cursor


def source(client):
    """What we publish now, story by story, from the detail endpoint."""
    live = Article.objects.published().order_by("pk")
    return {story_uri(pk): client.get(f"/api/v1/stories/{pk}").json() for pk in live.values_list("pk", flat=True)}


def test_the_changes_feed_replayed_into_an_empty_mirror_equals_the_source(partner):
    start = timezone.now()
    with time_machine.travel(start - timedelta(hours=2), tick=False):
        stories = [ArticleFactory(published_at=timezone.now() - timedelta(minutes=n)) for n in range(7)]
        ArticleFactory(draft=True)
        scheduled = ArticleFactory(published_at=start + timedelta(hours=1))
    with time_machine.travel(start, tick=False):
        mirror = {}
        cursor = replay(partner, mirror)
        assert mirror == source(partner)
        assert len(mirror) == 7

    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        edited, withdrawn, corrected, deleted = stories[1], stories[2], stories[3], stories[4]
        edited.title = "A sharper headline"
        edited.save()
        withdrawn.status = Article.Status.DRAFT
        withdrawn.save()
        CorrectionFactory(article=corrected, created_at=timezone.now())
        deleted_uri = story_uri(deleted.pk)
        deleted.delete()
        ArticleFactory(draft=True).delete()  # never public: no tombstone, nothing to tell
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        # The scheduled story went live by itself in between, without being saved.
        cursor = replay(partner, mirror, cursor)
        assert mirror == source(partner)
        assert story_uri(scheduled.pk) in mirror
        assert story_uri(withdrawn.pk) not in mirror
        assert deleted_uri not in mirror
        assert mirror[story_uri(edited.pk)]["headlines"][0]["value"] == "A sharper headline"
        # Nothing new: the same cursor comes back with no items.
        again = partner.get(f"/api/v1/changes?cursor={cursor}").json()
        assert again == {"items": [], "next_cursor": cursor, "has_more": False}


def test_changes_of_the_last_seconds_wait_until_they_have_settled(partner, settings):
    settings.API_CHANGES_SETTLE_SECONDS = 5
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        story = ArticleFactory(published_at=now - timedelta(hours=1))
        assert partner.get("/api/v1/changes").json()["items"] == []
    with time_machine.travel(now + timedelta(seconds=6), tick=False):
        assert [item["uri"] for item in partner.get("/api/v1/changes").json()["items"]] == [story_uri(story.pk)]
