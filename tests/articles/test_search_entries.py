"""Search reads a narrow copy of the stories kept by a trigger: every kind of write must reach it, so
that what a reader is told ("N stories found") and shown stays what the stories say."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.discovery.models import SearchEntry
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_cache_off", "fragment_cache_off")]

SEARCH = "/en/search/"
COLUMNS = ["edition", "section_id", "status", "published_at"]


def found(client, **params):
    """(the count the page states, the headlines of its cards)."""
    html = client.get(SEARCH, params).content.decode()
    count = re.search(r"(\d+) stor(?:y|ies) found", html)
    cards = re.findall(r'<h2 class="card__title">\s*<a href="[^"]+">(.*?)</a>', html, re.S)
    return (int(count.group(1)) if count else 0), [re.sub(r"</?mark>", "", card) for card in cards]


def assert_copy_matches_stories():
    stories = {row["id"]: row for row in Article.objects.values("id", "search_vector", *COLUMNS)}
    entries = {row["id"]: row for row in SearchEntry.objects.values("id", "search_vector", *COLUMNS)}
    assert entries == stories


def test_every_kind_of_write_reaches_the_copy():
    economy = SectionFactory(slug="economy", name="Economy")
    story = ArticleFactory(title="Quiet day")
    story.title = "Avalanche warning issued"
    story.save()
    Article.objects.filter(pk=story.pk).update(lead="Mountain rescuers on alert.", section=economy)
    template = ArticleFactory.build(section=economy, title="Bulk created blizzard", slug="bulk-blizzard")
    Article.objects.bulk_create([template])
    ArticleFactory(title="Draft", draft=True)
    ArticleFactory(title="Later", scheduled=True)

    assert_copy_matches_stories()
    assert SearchEntry.objects.filter(search_vector="rescuers").count() == 1


def test_a_withdrawn_story_is_neither_counted_nor_shown(client):
    kept = ArticleFactory(title="Glacier retreats again")
    withdrawn = ArticleFactory(title="Glacier collapses")
    assert found(client, q="glacier") == (2, ["Glacier collapses", "Glacier retreats again"])

    Article.objects.filter(pk=withdrawn.pk).update(status="draft")

    assert found(client, q="glacier") == (1, [kept.title])


def test_a_deleted_story_is_no_longer_counted(client):
    ArticleFactory(title="Glacier retreats again")
    gone = ArticleFactory(title="Glacier collapses")

    gone.delete()

    assert found(client, q="glacier") == (1, ["Glacier retreats again"])
    assert not SearchEntry.objects.filter(pk=gone.pk).exists()


def test_a_story_moved_to_another_section_is_found_there_only(client):
    economy = SectionFactory(slug="economy", name="Economy")
    politics = SectionFactory(slug="politics", name="Politics")
    story = ArticleFactory(title="Tariff row ends", section=economy)

    Article.objects.filter(pk=story.pk).update(section=politics)

    assert found(client, q="tariff", section="politics") == (1, [story.title])
    assert found(client, q="tariff", section="economy") == (0, [])


def test_a_story_rescheduled_into_the_future_leaves_the_results(client):
    story = ArticleFactory(title="Glacier collapses")

    Article.objects.filter(pk=story.pk).update(published_at=timezone.now() + timedelta(hours=1))

    assert found(client, q="glacier") == (0, [])


def test_counts_and_ratings_do_not_rewrite_the_copy():
    """A comment or a vote updates the story's row; the copy (and its indexes) is left alone."""
    story = ArticleFactory(title="Glacier collapses")

    # Within one transaction every write has the same xmin: a rewritten row has a new ctid.
    def version():
        with connection.cursor() as cursor:
            cursor.execute("SELECT ctid::text FROM articles_searchentry WHERE id = %s", [story.pk])
            return cursor.fetchone()[0]

    before = version()
    Article.objects.filter(pk=story.pk).update(comment_count=5, rating_count=2, rating_sum=9)
    story.refresh_from_db()
    story.save()  # a save that changes nothing search reads
    assert version() == before

    Article.objects.filter(pk=story.pk).update(title="Glacier collapses overnight")
    assert version() != before
