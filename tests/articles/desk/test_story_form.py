"""The desk's admin around the story form: a photo uploaded with the story, "Save and publish", the
pickers narrowed to an edition, the list's order, the branding, times and the favicon."""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Photo
from articles.sanitizer import sanitize_body
from tests.articles.test_admin import ADD_URL, CHANGELIST_URL, add_story
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db


def test_a_photo_uploaded_with_the_story_joins_the_library_and_illustrates_it(editor_client):
    section = SectionFactory()
    response = add_story(
        editor_client,
        section,
        photo_file=image_file("DSC_0042.jpg", size=(900, 600)),
        photo_alt_text="Deputies vote in the main hall",
        photo_caption="The vote",
        photo_credit="Jane Doe / Newsportal",
    )
    assert response.status_code == 302
    story = Article.objects.get()
    photo = Photo.objects.get()
    assert story.image == photo
    assert (photo.alt_text, photo.caption, photo.credit, photo.width) == (
        "Deputies vote in the main hall",
        "The vote",
        "Jane Doe / Newsportal",
        900,
    )
    assert photo.original_filename == "DSC_0042.jpg"
    assert not photo.image.name.endswith("DSC_0042.jpg")


def test_an_uploaded_photo_needs_its_alternative_text_and_the_story_waits_for_it(editor_client):
    response = add_story(editor_client, SectionFactory(), photo_file=image_file(), photo_alt_text=" ")
    assert response.status_code == 200
    assert "Say what the picture shows, for readers who cannot see it." in response.content.decode()
    assert "Parliament passes the budget" in response.content.decode()  # what was typed stays
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_an_upload_and_a_library_photo_together_are_refused(editor_client):
    library = PhotoFactory()
    response = add_story(
        editor_client, SectionFactory(), image=str(library.pk), photo_file=image_file(), photo_alt_text="A hall"
    )
    assert response.status_code == 200
    assert "Pick a photo from the library or upload a new one, not both." in response.content.decode()
    assert Photo.objects.count() == 1


def test_a_file_that_is_no_picture_is_refused_with_the_reason(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.jpg", b"not a picture at all", content_type="image/jpeg")
    response = add_story(editor_client, SectionFactory(), photo_file=fake, photo_alt_text="A hall")
    assert response.status_code == 200
    assert "This file is not a picture (JPEG, PNG or WebP)." in response.content.decode()


def test_save_and_publish_publishes_in_one_click(editor_client):
    response = add_story(editor_client, SectionFactory(), _publish="Save and publish")
    assert response.status_code == 302
    story = Article.objects.get()
    assert story.status == Article.Status.PUBLISHED and story.is_live


def test_the_button_is_offered_until_the_story_is_published(editor_client):
    draft = ArticleFactory(draft=True)
    live = ArticleFactory()
    assert 'name="_publish"' in editor_client.get(ADD_URL).content.decode()
    assert 'name="_publish"' in editor_client.get(f"{CHANGELIST_URL}{draft.pk}/change/").content.decode()
    assert 'name="_publish"' not in editor_client.get(f"{CHANGELIST_URL}{live.pk}/change/").content.decode()


def test_a_new_story_starts_in_the_editors_language_and_sections_carry_their_edition(editor_client):
    SectionFactory(name="Politics", edition="en")
    SectionFactory(name="Политика", edition="ru", slug="politika")
    editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    html = editor_client.get(ADD_URL).content.decode()
    assert '<option value="ru" selected>' in html
    assert 'data-edition="ru">Политика (ru)</option>' in html
    assert 'data-edition="en">Politics (en)</option>' in html


def autocomplete(client, field_name, **params):
    query = {"app_label": "articles", "model_name": "article", "field_name": field_name, "term": "", **params}
    if field_name == "target":
        query["model_name"] = "relatedlink"
    response = client.get("/admin/autocomplete/", query)
    assert response.status_code == 200
    return sorted(item["text"] for item in response.json()["results"])


def test_pickers_offer_the_chosen_editions_stories_and_tags(editor_client):
    english = ArticleFactory(title="Budget passes", edition="en")
    russian = ArticleFactory(title="Бюджет принят", edition="ru", section__edition="ru", section__slug="ekonomika")
    english.tags.add("Budget")
    russian.tags.add("Бюджет")
    Tag.objects.create(name="Unused")

    assert autocomplete(editor_client, "target", edition="ru") == ["Бюджет принят"]
    assert autocomplete(editor_client, "target", edition="en") == ["Budget passes"]
    assert autocomplete(editor_client, "target", translation_of="en") == ["Бюджет принят"]
    assert autocomplete(editor_client, "tags", edition="ru") == ["Unused", "Бюджет"]
    assert autocomplete(editor_client, "tags", edition="en") == ["Budget", "Unused"]
    assert autocomplete(editor_client, "tags") == ["Budget", "Unused", "Бюджет"]  # no edition: every tag
    assert autocomplete(editor_client, "target", edition="xx") == ["Budget passes", "Бюджет принят"]


def test_the_story_list_puts_the_newest_work_first_and_keeps_a_filter_for_scheduled(editor_client):
    now = timezone.now()
    scheduled = ArticleFactory(title="Scheduled for next week", published_at=now + timedelta(days=7))
    older = ArticleFactory(title="Filed yesterday", published_at=now - timedelta(days=1))
    Article.objects.filter(pk=scheduled.pk).update(modified_at=now - timedelta(days=2))
    Article.objects.filter(pk=older.pk).update(modified_at=now - timedelta(days=1))
    newest = ArticleFactory(title="Just edited", draft=True)

    html = editor_client.get(CHANGELIST_URL).content.decode()
    positions = [html.index(story.title) for story in (newest, older, scheduled)]
    assert positions == sorted(positions)
    scheduled_only = editor_client.get(CHANGELIST_URL, {"state": "scheduled"}).content.decode()
    assert "Scheduled for next week" in scheduled_only and "Just edited" not in scheduled_only


def test_admin_times_are_on_the_24_hour_clock(editor_client):
    moment = timezone.make_aware(timezone.datetime(2026, 11, 29, 22, 53))
    ArticleFactory(title="Late story", published_at=moment)
    html = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Nov. 29, 2026, 22:53" in html
    assert "p.m." not in html and "a.m." not in html


def test_the_admin_is_branded_as_the_desk_in_both_languages(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Newsportal desk" in html
    assert "Django administration" not in html and "Django site admin" not in html
    assert "Taggit" not in html and "Story tags" in html
    story_list = editor_client.get(CHANGELIST_URL).content.decode()
    assert "Stories</a> › Stories" not in story_list and "Newsroom</a>" in story_list

    editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    html = editor_client.get("/admin/").content.decode()
    assert "Редакция Newsportal" in html and "Теги материалов" in html


@pytest.mark.parametrize("path", ["/favicon.ico", "/admin/"])
def test_the_favicon_is_answered(client, admin_user, path):
    client.force_login(admin_user)
    if path == "/favicon.ico":
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == "/static/favicon.svg"
    else:
        assert '<link rel="icon" href="/static/favicon.svg"' in client.get(path).content.decode()


def test_links_are_kept_without_an_empty_title():
    html = '<p><a href="https://example.org/" title="">one</a> <a href="https://example.org/b" title="Bee">b</a></p>'
    assert sanitize_body(html) == (
        '<p><a href="https://example.org/">one</a> <a href="https://example.org/b" title="Bee">b</a></p>'
    )
