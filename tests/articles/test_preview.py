"""Drafts and scheduled stories: staff preview them, every other account and anonymous reader gets 404."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_reader(django_user_model):
    """An account that is not staff: a commenter today, a subscriber tomorrow."""
    user = django_user_model.objects.create_user("subscriber", password="pw-subscriber-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_user("desk", is_staff=True))
    return client


@pytest.mark.parametrize("state", [{"draft": True}, {"scheduled": True}], ids=["draft", "scheduled"])
def test_a_signed_in_account_without_staff_status_cannot_preview(signed_in_reader, staff, state):
    story = ArticleFactory(title="Embargoed budget figures", **state)

    refused = signed_in_reader.get(story.get_absolute_url())

    assert refused.status_code == 404
    assert "Embargoed budget figures" not in refused.content.decode()
    assert staff.get(story.get_absolute_url()).status_code == 200


def test_an_account_that_lost_staff_status_loses_the_preview(django_user_model):
    user = django_user_model.objects.create_user("former-editor", is_staff=True)
    client = Client()
    client.force_login(user)
    story = ArticleFactory(draft=True)
    assert client.get(story.get_absolute_url()).status_code == 200

    user.is_staff = False
    user.save()

    assert client.get(story.get_absolute_url()).status_code == 404
