"""Dates as each edition writes them, and counts with the right Russian plural form."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import ngettext

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

from .untranslated import visible_text

pytestmark = pytest.mark.django_db

MOSCOW = ZoneInfo("Europe/Moscow")
PUBLISHED = datetime(2026, 11, 29, 14, 5, tzinfo=MOSCOW)
LATER = datetime(2026, 12, 3, 9, 0, tzinfo=MOSCOW)


@pytest.fixture
def later():
    with time_machine.travel(LATER, tick=False):
        yield


@pytest.mark.parametrize(
    ("edition", "expected"),
    [("ru", "29 ноября 2026, 14:05"), ("en", "Nov. 29, 2026, 14:05")],
)
def test_story_times_are_written_the_edition_s_way(client, later, edition, expected):
    story = ArticleFactory(edition=edition, published_at=PUBLISHED)
    html = client.get(story.get_absolute_url()).content.decode()
    # The date may link to the day's archive: the reader reads the element's text.
    shown = [
        re.sub(r"<[^>]+>", "", text) for text in re.findall(r'<time datetime="2026-11-29T[^"]+">(.*?)</time>', html)
    ]
    assert expected in shown


def test_russian_comment_closing_date(client, later, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    story = ArticleFactory(edition="ru", published_at=PUBLISHED)
    text = visible_text(client.get(story.get_absolute_url()).content.decode())
    assert "Комментарии закроются 29 декабря 2026." in text


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/ru/archive/2026/11/29/", "Новости за 29 ноября 2026 года"),
        ("/ru/archive/2026/11/", "Новости ноября 2026 года"),
        ("/ru/archive/2026/", "Новости 2026 года"),
        ("/en/archive/2026/11/29/", "News of Nov. 29, 2026"),
        ("/en/archive/2026/11/", "News of November 2026"),
        ("/en/archive/2026/", "News of 2026"),
    ],
)
def test_archive_headings(client, later, path, heading):
    for edition in ("en", "ru"):
        ArticleFactory(edition=edition, section=SectionFactory(edition=edition), published_at=PUBLISHED)
    html = client.get(path).content.decode()
    assert re.search(rf"<h1>\s*{re.escape(heading)}\s*</h1>", html)


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (1, "1 комментарий"),
        (2, "2 комментария"),
        (4, "4 комментария"),
        (5, "5 комментариев"),
        (11, "11 комментариев"),
        (21, "21 комментарий"),
        (22, "22 комментария"),
        (111, "111 комментариев"),
    ],
)
def test_comment_counts_on_cards(client, count, label):
    story = ArticleFactory(edition="ru", section=SectionFactory(edition="ru", slug="novosti"))
    Article.objects.filter(pk=story.pk).update(comment_count=count)
    text = visible_text(client.get(story.section.get_absolute_url()).content.decode())
    assert label in text


@pytest.mark.parametrize(("count", "label"), [(1, "1 оценка"), (3, "3 оценки"), (5, "5 оценок"), (12, "12 оценок")])
def test_vote_counts_in_the_rating_widget(client, count, label):
    story = ArticleFactory(edition="ru")
    Article.objects.filter(pk=story.pk).update(rating_count=count, rating_sum=4 * count)
    text = visible_text(client.get(story.get_absolute_url()).content.decode())
    assert f"4,0 из 5 · {label}" in text


def test_star_labels_for_screen_readers(client):
    story = ArticleFactory(edition="ru")
    text = visible_text(client.get(story.get_absolute_url()).content.decode())
    for label in ("1 звезда из 5", "2 звезды из 5", "5 звёзд из 5"):
        assert label in text


@pytest.mark.parametrize(
    ("found", "sentence"),
    [
        (1, "По запросу «бюджет» найден 1 материал."),
        (2, "По запросу «бюджет» найдено 2 материала."),
        (5, "По запросу «бюджет» найдено 5 материалов."),
    ],
)
def test_search_result_count(client, found, sentence):
    section = SectionFactory(edition="ru", slug="politika")
    for number in range(found):
        ArticleFactory(edition="ru", section=section, title=f"Дума приняла бюджет, чтение {number}")
    text = visible_text(client.get("/ru/search/", {"q": "бюджет"}).content.decode())
    assert sentence in text


def test_python_messages_take_the_russian_plural_too():
    with translation.override("ru"):
        labels = [ngettext("%(count)s vote", "%(count)s votes", n) % {"count": n} for n in (1, 2, 5, 21)]
    assert labels == ["1 оценка", "2 оценки", "5 оценок", "21 оценка"]


def test_editors_see_russian_plurals_in_admin_messages(client, editor):
    client.login(username="editor", password="pw-editor-123")
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    stories = [ArticleFactory(draft=True) for _ in range(3)]

    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "_selected_action": [story.pk for story in stories]},
        follow=True,
    )

    assert "Опубликовано 3 материала." in [str(message) for message in response.context["messages"]]
