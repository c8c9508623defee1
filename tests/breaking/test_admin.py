"""The desk's side: breaking news from the story list and the form, and the developing-story picker."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin import CHANGELIST_URL, form_fields, messages_of
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def banner_headline(client):
    return (client.get("/en/breaking.json").json()["breaking"] or {}).get("headline")


def test_the_list_action_flags_published_stories_for_the_time_chosen(editor_client, client):
    story = ArticleFactory(title="Earthquake hits the capital")
    draft = ArticleFactory(draft=True)
    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "breaking_flag", "breaking_minutes": "30", "_selected_action": [story.pk, draft.pk]},
        follow=True,
    )
    said = messages_of(response)
    assert any(text.startswith("1 story is breaking news until") for text in said), said
    assert "1 draft was left alone: only a published story can be breaking news." in said
    story.refresh_from_db()
    assert timezone.now() + timedelta(minutes=29) < story.breaking_until <= timezone.now() + timedelta(minutes=30)
    assert story.urgency == Article.Urgency.FLASH
    assert banner_headline(client) == "Earthquake hits the capital"

    response = editor_client.post(
        CHANGELIST_URL, {"action": "breaking_clear", "_selected_action": [story.pk]}, follow=True
    )
    assert "Breaking news ended on 1 story." in messages_of(response)
    assert banner_headline(client) is None


def test_the_action_defaults_to_an_hour(editor_client):
    story = ArticleFactory()
    listing = editor_client.get(CHANGELIST_URL).content.decode()
    assert 'name="breaking_minutes"' in listing
    assert '<option value="60" selected>1 hour</option>' in listing
    editor_client.post(CHANGELIST_URL, {"action": "breaking_flag", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert timezone.now() + timedelta(minutes=59) < story.breaking_until <= timezone.now() + timedelta(hours=1)


def test_the_form_flags_and_ends_breaking_news(editor_client, client):
    story = ArticleFactory(title="Storm reaches the coast")
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    page = editor_client.get(change_url)
    assert "Not breaking news." in page.content.decode()
    data = form_fields(page)
    data["breaking_for"] = "120"
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.breaking_until > timezone.now() + timedelta(minutes=119)
    assert banner_headline(client) == "Storm reaches the coast"
    page = editor_client.get(change_url)
    assert "Breaking news until" in page.content.decode()

    data = form_fields(page)
    data["breaking_for"] = "end"
    assert editor_client.post(change_url, data).status_code == 302
    story.refresh_from_db()
    assert story.breaking_until is None
    assert banner_headline(client) is None


def test_a_draft_cannot_be_breaking_news(editor_client):
    story = ArticleFactory(draft=True)
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_fields(editor_client.get(change_url))
    data["breaking_for"] = "60"
    response = editor_client.post(change_url, data)
    assert response.status_code == 200
    assert "Only a published story can be breaking news." in response.content.decode()
    story.refresh_from_db()
    assert story.breaking_until is None


def test_the_form_links_a_follow_up_and_refuses_another_edition(editor_client, client):
    earlier = ArticleFactory(title="Fire breaks out at the port", published_at=timezone.now() - timedelta(hours=3))
    story = ArticleFactory(title="Port fire put out")
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_fields(editor_client.get(change_url))
    data["follows"] = str(earlier.pk)
    assert editor_client.post(change_url, data).status_code == 302
    html = client.get(earlier.get_absolute_url()).content.decode()
    assert "This story has been updated:" in html
    assert "Port fire put out" in html

    russian = ArticleFactory(edition="ru")
    data = form_fields(editor_client.get(change_url))
    data["follows"] = str(russian.pk)
    response = editor_client.post(change_url, data)
    assert response.status_code == 200
    assert "A follow-up must be in the same edition as the story it develops." in response.content.decode()


def test_the_follow_up_picker_offers_the_same_edition_only(editor_client):
    story = ArticleFactory(title="Port fire put out")
    ArticleFactory(title="Port fire spreads")
    ArticleFactory(edition="ru", title="Port fire in Russian")
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert f"follow_up_in=en&amp;follow_up_of={story.pk}" in page
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "follows",
            "term": "port fire",
            "follow_up_in": "en",
            "follow_up_of": str(story.pk),
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["Port fire spreads"]
