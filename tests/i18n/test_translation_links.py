"""Editors link a story to its translation in the other edition; the link holds both ways."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def linked(story):
    return Article.objects.filter(pk=story.pk).values_list("translation_id", flat=True).get()


def english(**kwargs):
    return ArticleFactory(edition="en", **kwargs)


def russian(**kwargs):
    return ArticleFactory(edition="ru", **kwargs)


def test_linking_one_story_links_the_other_back():
    en, ru = english(), russian()
    en.translation = ru
    en.save()
    assert linked(en) == ru.pk
    assert linked(ru) == en.pk


def test_a_new_story_can_be_saved_with_its_translation():
    en = english()
    ru = russian(translation=en)
    assert linked(ru) == en.pk
    assert linked(en) == ru.pk


def test_relinking_releases_both_old_partners():
    en, old_ru, new_ru = english(), russian(), russian()
    en.translation = old_ru
    en.save()
    other_en = english(translation=new_ru)  # new_ru was someone else's translation

    en.translation = new_ru
    en.save()

    assert (linked(en), linked(new_ru)) == (new_ru.pk, en.pk)
    assert linked(old_ru) is None
    assert linked(other_en) is None


def test_unlinking_and_deleting_free_the_partner():
    en = english()
    ru = russian(translation=en)
    en.refresh_from_db()
    en.translation = None
    en.save()
    assert (linked(en), linked(ru)) == (None, None)

    ru.translation = en
    ru.save()
    en.delete()
    assert linked(ru) is None


def test_saving_other_fields_keeps_the_link_and_writes_nothing_else():
    en = english()
    ru = russian(translation=en)
    ru.refresh_from_db()
    ru.title = "Новый заголовок"
    with CaptureQueriesContext(connection) as queries:
        ru.save()
    updates = [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == 1  # the story itself; its partner is left alone
    assert linked(en) == ru.pk


def test_the_translation_must_be_in_the_other_edition():
    en, other_en = english(), english()
    en.translation = other_en
    with pytest.raises(ValidationError) as error:
        en.full_clean()
    assert error.value.message_dict == {
        "translation": ["The translation must be a story in the other edition, not in this one."]
    }


def test_a_story_is_not_its_own_translation():
    en = english()
    en.translation = en
    with pytest.raises(ValidationError) as error:
        en.full_clean()
    assert "translation" in error.value.message_dict
