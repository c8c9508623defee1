"""Story writes that span rows: article_save and the corrections, each rule held by the service itself."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Correction
from articles.services import article_save, correction_add, correction_save
from comments.typos.models import TypoReport
from tests.factories import ArticleFactory, SectionFactory, TypoReportFactory

pytestmark = pytest.mark.django_db


class TestArticleSave:
    def test_a_story_published_without_a_time_is_published_now(self):
        story = ArticleFactory(draft=True)
        story.status = Article.Status.PUBLISHED
        moment = timezone.now()
        with time_machine.travel(moment, tick=False):
            article_save(article=story)
        assert Article.objects.get(pk=story.pk).published_at == moment

    def test_a_given_time_is_kept(self):
        due = timezone.now() + timedelta(days=1)
        story = ArticleFactory(draft=True)
        story.status, story.published_at = Article.Status.PUBLISHED, due
        article_save(article=story)
        assert Article.objects.get(pk=story.pk).published_at == due

    def test_a_section_of_another_edition_is_refused_and_nothing_is_stored(self):
        story = ArticleFactory(title="Budget passes")
        story.section, story.title = SectionFactory(edition="ru", slug="politika"), "Changed"
        with pytest.raises(ValidationError, match="another edition"):
            article_save(article=story)
        assert Article.objects.get(pk=story.pk).title == "Budget passes"

    def test_an_edit_resolves_the_typo_reports_of_text_that_is_gone(self):
        story = ArticleFactory(lead="A comfortible majority voted for it.")
        report = TypoReportFactory(article=story, selection="comfortible")
        story.lead = "A comfortable majority voted for it."
        article_save(article=story)
        report.refresh_from_db()
        assert report.status == TypoReport.Status.FIXED

    def test_a_new_story_is_stored(self):
        section = SectionFactory()
        story = Article(edition=section.edition, section=section, title="New", slug="new", lead="A lead.")
        article_save(article=story)
        assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT


class TestCorrections:
    def test_a_correction_shows_the_story_updated_at_its_time(self):
        story = ArticleFactory()
        when = timezone.now() - timedelta(minutes=5)
        correction = correction_add(article=story, text="An earlier version gave the wrong date.", created_at=when)
        story.refresh_from_db()
        assert (correction.kind, story.updated_at) == ("correction", when)
        assert story.shows_update

    def test_an_edited_correction_moves_the_update_time_with_it(self):
        story = ArticleFactory()
        correction = correction_add(article=story, kind="update", text="Adds the vote.")
        correction.created_at = timezone.now() + timedelta(minutes=1)
        correction_save(correction=correction)
        story.refresh_from_db()
        assert story.updated_at == correction.created_at

    def test_saving_the_row_alone_leaves_the_story_as_it_was(self):
        """Marking the story updated is the service's work, not a side effect of the row's save."""
        story = ArticleFactory()
        Correction(article=story, text="A note.").save()
        story.refresh_from_db()
        assert story.updated_at is None
