"""Every public page of the Russian edition speaks Russian: no English interface text is left on it."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.models import edition_url
from comments.models import Comment
from newsportal.readers.errors import too_many_requests
from tests.factories import ArticleFactory, CommentFactory

from .untranslated import english_left, visible_text

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def russian_page(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, url
    html = response.content.decode()
    assert '<html lang="ru"' in html
    return html


def assert_all_russian(html):
    assert english_left(html) == []


def test_the_detector_finds_english_interface_text_and_ignores_other_languages_on_purpose():
    assert english_left("<p>Add comment</p>") == ["Add comment"]
    assert english_left('<button aria-label="Report a typo">!</button>') == ["Report a typo"]
    assert english_left('<dialog data-msg-empty="Type or paste the wrong text first."></dialog>') == [
        "Type or paste the wrong text first"
    ]
    # The edition switch names each edition in its own language.
    assert english_left('<a lang="en" href="/en/">English <span>EN</span></a>') == []
    assert english_left("<script>const label = 'Add comment';</script>") == []


def test_home(client, ru_story):
    CommentFactory(article=ru_story, text="Ещё одно мнение.")  # "most discussed" shows too
    html = russian_page(client, "/ru/")
    assert_all_russian(html)
    assert "Последние новости" in html
    assert "Рубрики" in html


def test_story_page_with_rating_comments_typo_dialog_and_corrections(client, ru_story):
    html = russian_page(client, ru_story.get_absolute_url())
    assert_all_russian(html)
    text = visible_text(html)
    for expected in (
        "Главная",
        "Оценить",
        "Добавить комментарий",
        "Сообщить об опечатке",
        "Выделенный текст слишком длинный",
        "Поделиться",
        "Поправки и дополнения",
        "Об этом сообщает ТАСС",
        "Выбор редакции",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    "flag", ["rated=1#rating", "typo=sent", "comment=pending#comments", "comment=published", "reported=1"]
)
def test_story_page_notices_after_an_action(client, ru_story, flag):
    assert_all_russian(russian_page(client, f"{ru_story.get_absolute_url()}?{flag}"))


def test_story_page_with_closed_comments_and_newest_first(client, ru_story):
    ru_story.comments_closed = True
    ru_story.save()
    assert_all_russian(russian_page(client, f"{ru_story.get_absolute_url()}?comments=newest"))


def test_story_preview_for_editors(client, ru_section, admin_user):
    russian = {"edition": "ru", "section": ru_section, "source_name": "ТАСС", "lead": "Лид новости."}
    draft = ArticleFactory(title="Черновик новости", slug="chernovik", draft=True, **russian)
    scheduled = ArticleFactory(title="Новость на завтра", slug="na-zavtra", scheduled=True, **russian)
    client.force_login(admin_user)
    for story in (draft, scheduled):
        html = russian_page(client, story.get_absolute_url())
        assert "Предпросмотр" in html
        assert_all_russian(html)


def test_lists_section_tag_author_and_archives(client, ru_story):
    when = timezone.localtime(ru_story.published_at)
    for url in (
        ru_story.section.get_absolute_url(),
        edition_url("ru", "articles:tag", slug=ru_story.tags.get(name="ставка").slug),
        "/ru/authors/anna-petrova/",
        f"/ru/archive/{when:%Y}/",
        f"/ru/archive/{when:%Y}/{when:%m}/",
        f"/ru/archive/{when:%Y}/{when:%m}/{when:%d}/",
    ):
        html = russian_page(client, url)
        assert_all_russian(html)
        assert ru_story.title in html


def test_empty_list(client, ru_section):
    html = russian_page(client, ru_section.get_absolute_url())
    assert "Здесь пока нет материалов." in html
    assert_all_russian(html)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 200),
        ("ставку", 200),
        ("ничегонетакого", 200),
        ("ставка&date_from=2026-01-10&date_to=2026-01-01", 400),
        ("ставка&date_from=вчера", 400),
    ],
)
def test_search(client, ru_story, query, status):
    html = russian_page(client, f"/ru/search/?q={query}", status=status)
    assert_all_russian(html)


def test_not_found(client, db):
    html = russian_page(client, "/ru/no-such-section/", status=404)
    assert "Страница не найдена" in html
    assert_all_russian(html)


def test_comment_form_page_and_refused_comment(client, ru_story):
    first = Comment.objects.filter(article=ru_story, parent=None).first()
    html = russian_page(client, f"/ru/comments/{ru_story.pk}/post/?reply_to={first.pk}")
    assert_all_russian(html)
    response = client.post(f"/ru/comments/{ru_story.pk}/post/", {"author_name": "", "text": ""})
    assert response.status_code == 400
    assert_all_russian(response.content.decode())


def test_refused_vote_and_typo_report_pages(client, ru_story):
    response = client.post(f"/ru/reader/rate/{ru_story.pk}/", {"score": "9"}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 400
    assert "Выберите оценку от 1 до 5 звёзд." in response.content.decode()
    assert_all_russian(response.content.decode())

    response = client.post("/ru/reader/typo/", {"article": ru_story.pk, "selection": ""})
    assert response.status_code == 400
    assert_all_russian(response.content.decode())


def test_form_sent_without_the_security_check(ru_story):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        f"/ru/comments/{ru_story.pk}/post/", {"author_name": "Мария", "text": "Текст"}
    )
    assert response.status_code == 403
    assert "Подтвердите отправку" in response.content.decode()
    assert_all_russian(response.content.decode())


def test_too_many_requests_and_server_error_pages(db):
    request = RequestFactory().get("/ru/")
    with translation.override("ru"):
        html = too_many_requests(request, None).content.decode()
        assert "Слишком много запросов" in html
        assert_all_russian(html)
        html = render_to_string("500.html", {"LANGUAGE_CODE": "ru"})
        assert "Что-то пошло не так" in html
        assert_all_russian(html)


def test_json_answers_are_russian(client, ru_story):
    response = client.post(
        f"/ru/reader/rate/{ru_story.pk}/", {"score": "2"}, HTTP_ACCEPT="application/json", HTTP_USER_AGENT=BROWSER
    )
    assert response.json()["message"] == "Спасибо, ваш голос учтён."
    assert response.json()["countLabel"] == "3 оценки"
    assert response.json()["ownLabel"] == "Ваша оценка: 2 звезды."
