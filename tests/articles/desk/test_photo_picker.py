"""The story form's photo picker: library photos come with a thumbnail, in the search and once chosen."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

PICKER = {"app_label": "articles", "model_name": "article", "field_name": "image"}


def picker_url():
    return reverse("admin:articles_photo_autocomplete")


def test_the_picker_offers_each_photo_with_its_smallest_copy(editor_client):
    photo = PhotoFactory(caption="Harbour at dawn")

    response = editor_client.get(picker_url(), {**PICKER, "term": "harbour"})

    assert response.status_code == 200
    [result] = response.json()["results"]
    assert (result["id"], result["text"]) == (str(photo.pk), "Harbour at dawn")
    smallest_url, width = min(photo.renditions(), key=lambda rendition: rendition[1])
    assert width == 320 and result["thumbnail"] == smallest_url


def test_the_pickers_query_count_does_not_grow_with_the_library(editor_client, django_assert_max_num_queries):
    PhotoFactory.create_batch(3)
    with django_assert_max_num_queries(6):
        few = editor_client.get(picker_url(), PICKER)
    PhotoFactory.create_batch(12)
    with django_assert_max_num_queries(6):
        many = editor_client.get(picker_url(), PICKER)
    assert len(few.json()["results"]) == 3 and len(many.json()["results"]) == 15


def test_a_reader_gets_no_answer_and_a_bad_request_is_refused(editor_client):
    PhotoFactory()
    assert Client().get(picker_url(), PICKER).status_code == 302  # to the admin's login
    assert editor_client.get(picker_url(), {**PICKER, "field_name": "title"}).status_code == 403


def test_the_story_form_asks_the_library_and_shows_the_chosen_photos_thumbnail(editor_client):
    photo = PhotoFactory(caption="Harbour at dawn")
    story = ArticleFactory(image=photo)

    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()

    assert f'data-ajax--url="{picker_url()}"' in page
    smallest_url = min(photo.renditions(), key=lambda rendition: rendition[1])[0]
    assert f'data-thumbnail="{smallest_url}"' in page
    assert "js/admin-photo-picker.js" in page and "css/admin-photo-picker.css" in page
