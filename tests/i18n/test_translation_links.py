"""Editors link a story to its versions in the other editions: one shared key, one version per edition."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.services import article_translations_link, article_translations_unlink
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def versions(story):
    """{edition: pk} of the story's other versions, read afresh."""
    story = Article.objects.get(pk=story.pk)
    return {version.edition: version.pk for version in story.other_versions()}


def english(**kwargs):
    return ArticleFactory(edition="en", **kwargs)


def russian(**kwargs):
    return ArticleFactory(edition="ru", **kwargs)


def test_linking_one_story_links_the_other_back():
    en, ru = english(), russian()
    article_translations_link(story=en, translation_of=ru)
    assert versions(en) == {"ru": ru.pk}
    assert versions(ru) == {"en": en.pk}


def test_a_new_story_can_be_made_with_its_translation():
    en = english()
    ru = russian(translation_of=en)
    assert versions(ru) == {"en": en.pk}
    assert versions(en) == {"ru": ru.pk}


def test_a_story_in_another_edition_already_taken_is_refused_with_the_version_named():
    en, ru, other_en = english(), russian(), english(title="Budget passes")
    article_translations_link(story=other_en, translation_of=ru)

    with pytest.raises(ValidationError) as error:
        article_translations_link(story=en, translation_of=ru)

    assert error.value.messages == [
        "That story already has a version in this edition: “Budget passes”. Unlink it first."
    ]
    assert versions(en) == {}
    assert versions(ru) == {"en": other_en.pk}


def test_relinking_moves_the_story_and_frees_its_old_partner():
    en, old_ru, new_ru = english(), russian(), russian()
    article_translations_link(story=en, translation_of=old_ru)

    article_translations_link(story=en, translation_of=new_ru)

    assert (versions(en), versions(new_ru)) == ({"ru": new_ru.pk}, {"en": en.pk})
    assert versions(old_ru) == {}
    assert Article.objects.get(pk=old_ru.pk).translation_group is None, "a story alone is in no group"


def test_unlinking_and_deleting_free_the_partner():
    en = english()
    ru = russian(translation_of=en)
    article_translations_unlink(story=en)
    assert (versions(en), versions(ru)) == ({}, {})

    article_translations_link(story=ru, translation_of=en)
    en.delete()
    assert versions(ru) == {}


def test_saving_other_fields_keeps_the_link_and_writes_nothing_else():
    en = english()
    ru = russian(translation_of=en)
    ru.refresh_from_db()
    ru.title = "Новый заголовок"
    with CaptureQueriesContext(connection) as queries:
        ru.save()
    updates = [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == 1  # the story itself; its versions are left alone
    assert versions(en) == {"ru": ru.pk}


def test_the_translation_must_be_in_another_edition():
    en, other_en = english(), english()
    with pytest.raises(ValidationError) as error:
        article_translations_link(story=en, translation_of=other_en)
    assert error.value.messages == ["The translation must be a story in another edition, not in this one."]


def test_a_story_is_not_its_own_translation():
    en = english()
    with pytest.raises(ValidationError, match="cannot be its own translation"):
        article_translations_link(story=en, translation_of=en)


def test_the_database_refuses_two_versions_in_one_edition():
    en = english()
    ru = russian(translation_of=en)
    with pytest.raises(IntegrityError), transaction.atomic():
        english(translation_group=ru.translation_group)
