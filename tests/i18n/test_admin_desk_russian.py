"""The desk in Russian: the story form and the admin index with its dashboard hold no English words
(the body editor's own words, drawn by its script, are checked in tests/browser/test_editors_path.py)."""

import pytest
import time_machine

from articles.discovery.rankings import rankings_refresh
from tests.factories import CommentFactory, VoteFactory

from .untranslated import visible_text

pytestmark = pytest.mark.django_db

# What an editor saw in English on the Russian desk, and the desk's own new words.
ENGLISH = [
    "Django administration",
    "Django site admin",
    "Site administration",
    "Taggit",
    "TAGGIT",
    "Newsportal desk",
    "Desk dashboard",
    "Newsroom",
    "Story tags",
    "Stories",
    "Photo",
    "Upload a photo",
    "Pick a photo from the library",
    "Alternative text",
    "Caption",
    "Credit",
    "Save and publish",
    "Readers see",
    "Nothing: this is a draft.",
    "The story goes live when you save it.",
    "Scheduled: the story appears",
    "The story is live.",
    "Waiting",
    "Most read today",
    "Top rated this week",
    "Most discussed this week",
    "Stories published per day",
    "Views per day",
    "Comments per day",
    "Votes by score",
    "Figures",
    "highest",
    "in all",
    "of 5",
    "Nothing ranked yet.",
    "Typo reports",
    "Story drafts",
    "a.m.",
    "p.m.",
]


def english_words_on(html):
    text = visible_text(html, "ru")
    return [words for words in ENGLISH if words in text]


@time_machine.travel("2026-11-30 12:00:00+03:00", tick=False)
def test_the_russian_story_form_and_index_hold_no_english(client, admin_user, ru_story):
    VoteFactory(article=ru_story, score=4)
    CommentFactory(article=ru_story)
    rankings_refresh()
    client.force_login(admin_user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})

    index = client.get("/admin/").content.decode()
    assert "Редакция Newsportal" in index and "Опубликовано материалов по дням" in index
    assert english_words_on(index) == []
    add_form = client.get("/admin/articles/article/add/").content.decode()
    assert "Загрузить снимок" in add_form and "Сохранить и опубликовать" in add_form
    assert english_words_on(add_form) == []
    change_form = client.get(f"/admin/articles/article/{ru_story.pk}/change/").content.decode()
    assert "Загрузить снимок" in change_form
    assert english_words_on(change_form) == []
