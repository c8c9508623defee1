"""What readers can see, and when."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from articles.services import article_save
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_includes_due_stories_only():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)

    assert list(Article.objects.published()) == [live]


def test_story_due_this_second_is_visible():
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        story = ArticleFactory(published_at=now)
        assert story in Article.objects.published()
        assert story.is_live


def test_scheduled_story_appears_by_itself_when_its_time_comes():
    story = ArticleFactory(scheduled=True)
    assert story not in Article.objects.published()

    with time_machine.travel(story.published_at + timedelta(seconds=1)):
        assert story in Article.objects.published()


def test_editions_do_not_mix():
    english = ArticleFactory(edition="en")
    russian = ArticleFactory(edition="ru")

    assert list(Article.objects.published().in_edition("en")) == [english]
    assert list(Article.objects.published().in_edition("ru")) == [russian]


def test_lead_first_prefers_pinned_then_featured_then_newest():
    now = timezone.now()
    newest = ArticleFactory(published_at=now - timedelta(minutes=1))
    featured = ArticleFactory(published_at=now - timedelta(hours=2), is_featured=True)
    pinned = ArticleFactory(published_at=now - timedelta(days=2), is_pinned=True)

    assert list(Article.objects.published().lead_first()) == [pinned, featured, newest]


def test_latest_per_section_keeps_the_newest_few_of_each_section():
    now = timezone.now()
    politics = [ArticleFactory(section__slug="politics", published_at=now - timedelta(hours=h)) for h in range(1, 6)]
    economy = [ArticleFactory(section__slug="economy", published_at=now - timedelta(hours=h)) for h in range(1, 3)]

    picked = list(Article.objects.published().latest_per_section(3))

    assert [s for s in picked if s.section.slug == "politics"] == politics[:3]
    assert [s for s in picked if s.section.slug == "economy"] == economy


def test_publishing_without_a_time_stamps_now():
    story = ArticleFactory(draft=True)
    story.status = Article.Status.PUBLISHED
    article_save(article=story)

    assert story.published_at is not None
    assert story.is_live


def test_body_is_sanitised_on_save():
    story = ArticleFactory(body='<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:x()">x</a></p>')

    story.refresh_from_db()
    assert "script" not in story.body
    assert "onclick" not in story.body
    assert "javascript:" not in story.body
    assert "Hi" in story.body


def test_correction_marks_the_story_updated():
    from tests.factories import CorrectionFactory

    story = ArticleFactory()
    correction = CorrectionFactory(article=story)

    story.refresh_from_db()
    assert story.updated_at == correction.created_at
    assert story.shows_update
