"""The editors' side of the two editions: translation links, the admin in Russian, filtering by edition."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin import form_fields
from tests.factories import ArticleFactory, TypoReportFactory

from .untranslated import english_left

pytestmark = pytest.mark.django_db


def without_djangos_own_english(html):
    # Django's admin/search_form.html writes this alt text in English, untranslated; it is not ours.
    return html.replace('src="/static/admin/img/search.svg" alt="Search"', 'src="/static/admin/img/search.svg" alt=""')


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def autocomplete(client, **params):
    # The picker fetches stories as the targets of a related link (articles.forms.TranslationAutocomplete).
    query = {"app_label": "articles", "model_name": "relatedlink", "field_name": "target", **params}
    response = client.get("/admin/autocomplete/", query)
    assert response.status_code == 200
    return sorted(item["text"] for item in response.json()["results"])


def test_editor_links_a_story_to_its_translation(editor_client):
    en = ArticleFactory(edition="en", title="Central bank holds rates")
    ru = ArticleFactory(edition="ru", title="Центробанк сохранил ставку")

    page = editor_client.get(change_url(en))
    # The picker asks only for stories outside the story's own edition.
    assert re.search(r'data-ajax--url="/admin/autocomplete/\?translation_of=en"', page.content.decode())
    data = form_fields(page)
    data["translation_of"] = str(ru.pk)
    response = editor_client.post(change_url(en), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [version.pk for version in Article.objects.get(pk=en.pk).other_versions()] == [ru.pk]
    assert [version.pk for version in Article.objects.get(pk=ru.pk).other_versions()] == [en.pk]
    # The form shows the link, and saving it unchanged keeps it.
    page = editor_client.get(change_url(ru))
    assert form_fields(page)["translation_of"] == str(en.pk)
    assert editor_client.post(change_url(ru), form_fields(page)).status_code == 302
    assert [version.pk for version in Article.objects.get(pk=ru.pk).other_versions()] == [en.pk]


def test_editor_unlinks_a_story_by_clearing_the_field(editor_client):
    en = ArticleFactory(edition="en")
    ru = ArticleFactory(edition="ru", translation_of=en)
    data = form_fields(editor_client.get(change_url(ru)))
    data["translation_of"] = ""

    assert editor_client.post(change_url(ru), data).status_code == 302
    assert Article.objects.filter(translation_group__isnull=False).count() == 0


def test_a_second_version_in_one_edition_is_refused_with_a_reason(editor_client):
    en = ArticleFactory(edition="en")
    ArticleFactory(edition="ru", translation_of=en, title="Бюджет принят")
    another_ru = ArticleFactory(edition="ru")
    data = form_fields(editor_client.get(change_url(another_ru)))
    data["translation_of"] = str(en.pk)

    response = editor_client.post(change_url(another_ru), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["translation_of"] == [
        "That story already has a version in this edition: “Бюджет принят”. Unlink it first."
    ]
    assert Article.objects.get(pk=another_ru.pk).translation_group is None


def test_a_translation_in_the_same_edition_is_refused_with_a_reason(editor_client):
    en = ArticleFactory(edition="en")
    other = ArticleFactory(edition="en")
    data = form_fields(editor_client.get(change_url(en)))
    data["translation_of"] = str(other.pk)

    response = editor_client.post(change_url(en), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["translation_of"] == [
        "The translation must be a story in another edition, not in this one."
    ]
    assert Article.objects.filter(translation_group__isnull=False).count() == 0


def test_translation_picker_offers_the_other_edition_only(editor_client):
    ArticleFactory(edition="en", title="Budget passes")
    ArticleFactory(edition="ru", title="Бюджет принят")

    assert autocomplete(editor_client, translation_of="en", term="") == ["Бюджет принят"]
    assert autocomplete(editor_client, translation_of="ru", term="") == ["Budget passes"]
    # On the add form the edition is not chosen yet: every story, the model's check decides on save.
    assert autocomplete(editor_client, term="") == ["Budget passes", "Бюджет принят"]


def test_admin_speaks_russian_after_the_editor_switches(editor_client):
    story = ArticleFactory(edition="en")
    index = editor_client.get("/admin/").content.decode()
    assert 'action="/i18n/setlang/"' in index
    assert 'name="language" value="ru" lang="ru">Русский</button>' in index

    response = editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"

    index = editor_client.get("/admin/").content.decode()
    assert '<html lang="ru"' in index
    assert "Материалы" in index
    assert 'name="language" value="en" lang="en">English</button>' in index
    form = editor_client.get(change_url(story)).content.decode()
    for label in ("Заголовок", "Лид", "Другие редакции", "Перевод материала", "Этот же материал в другой редакции."):
        assert label in form, label


def test_public_pages_keep_their_edition_whatever_the_admin_language(editor_client):
    editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert '<html lang="en"' in editor_client.get("/en/").content.decode()


def test_editors_filter_stories_by_edition(editor_client):
    ArticleFactory(edition="en", title="Budget passes")
    ArticleFactory(edition="ru", title="Бюджет принят")

    listing = editor_client.get("/admin/articles/article/", {"edition__exact": "ru"}).content.decode()

    assert "Бюджет принят" in listing
    assert "Budget passes" not in listing


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/section/",
        "/admin/articles/photo/add/",
        "/admin/articles/vote/",
        "/admin/comments/comment/",
        "/admin/comments/typoreport/",
        "/admin/comments/wordrule/add/",
    ],
)
def test_admin_pages_in_russian_have_no_english_left(client, admin_user, ru_story, path):
    client.force_login(admin_user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    TypoReportFactory(article=ru_story, selection="ключевую ставку")

    response = client.get(path)

    assert response.status_code == 200
    assert english_left(without_djangos_own_english(response.content.decode())) == []


def test_story_change_form_in_russian_has_no_english_left(client, admin_user, ru_story):
    client.force_login(admin_user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    assert english_left(client.get(change_url(ru_story)).content.decode()) == []
