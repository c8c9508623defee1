"""Queryset rules at the edges mutation testing found unguarded: ties, zeros, and either-list membership."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Vote
from tests.factories import ArticleFactory, SectionFactory, VoteFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


def views(story, day, count):
    ArticleDailyViews.objects.create(article=story, date=day, views=count)


def test_most_read_keeps_a_story_in_either_list_and_counts_zero_for_today():
    old_favourite, todays_hit, also_ran = ArticleFactory(), ArticleFactory(), ArticleFactory()
    views(old_favourite, TODAY - timedelta(days=3), 500)
    views(todays_hit, TODAY, 50)
    views(also_ran, TODAY - timedelta(days=1), 40)
    views(also_ran, TODAY, 1)

    rows = {row.pk: row for row in Article.objects.most_read(today=TODAY, since=TODAY - timedelta(days=6), top=1)}

    # First of the week but not of today, and first of today but not of the week: both are listed.
    assert set(rows) == {old_favourite.pk, todays_hit.pk}
    assert rows[old_favourite.pk].views_today == 0
    assert (rows[old_favourite.pk].total_rank, rows[todays_hit.pk].today_rank) == (1, 1)


def test_lead_first_breaks_a_tie_by_the_newest():
    now = timezone.now()
    older = ArticleFactory(published_at=now - timedelta(hours=3))
    newer = ArticleFactory(published_at=now - timedelta(hours=1))
    Article.objects.filter(pk=newer.pk).update(published_at=now - timedelta(hours=5))

    assert list(Article.objects.filter(pk__in=[older.pk, newer.pk]).lead_first()) == [older, newer]


def test_latest_per_section_keeps_the_newest_and_groups_by_section():
    now = timezone.now()
    first, second = SectionFactory(slug="first"), SectionFactory(slug="second")
    stale = ArticleFactory(section=first, published_at=now - timedelta(days=2))
    fresh = ArticleFactory(section=first, published_at=now - timedelta(hours=1))
    other = ArticleFactory(section=second, published_at=now - timedelta(days=3))

    picked = list(Article.objects.latest_per_section(1))

    assert fresh in picked and stale not in picked
    assert [story.section_id for story in picked] == sorted(story.section_id for story in picked)
    assert other in picked


def test_vote_distribution_has_exactly_the_five_scores():
    story = ArticleFactory()
    VoteFactory(article=story, score=5)
    VoteFactory(article=story, score=5)
    VoteFactory(article=story, score=2)

    assert Vote.objects.filter(article=story).distribution() == {1: 0, 2: 1, 3: 0, 4: 0, 5: 2}


def test_a_story_taken_back_to_draft_keeps_its_time_and_disappears():
    story = ArticleFactory()
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    assert story.published_at is not None
    assert not Article.objects.published().filter(pk=story.pk).exists()
