from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comments.forms import issue_stamp
from tests.factories import ArticleFactory


def old_stamp(seconds=60):
    """A form stamp as if the form had been shown `seconds` ago."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds), tick=False):
        return issue_stamp()


@pytest.fixture
def story(db):
    return ArticleFactory()


@pytest.fixture
def form_data():
    """What a reader's browser sends: a valid comment, the form shown a minute ago."""

    def make(**overrides):
        data = {
            "author_name": "Anna Reader",
            "author_email": "anna@example.org",
            "text": "The second reading will be the real test.",
            "website": "",
            "reply_to": "",
            "issued": old_stamp(),
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def post_url():
    def make(article):
        from django.urls import reverse

        return reverse("comments:post", kwargs={"pk": article.pk})

    return make
