"""The rate limits the site ships with, read from newsportal/settings.py as a fresh deploy gets them.

Other tests set their own limits to keep the requests few; these use the shipped defaults, so a
default loosened by mistake (a comment rate raised a hundredfold) fails here.
"""

import runpy
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.comments.conftest import old_stamp
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "newsportal" / "settings.py"
LIMITS = ("COMMENTS_RATE", "COMMENTS_REPORT_RATE", "RATING_RATE_LIMIT", "TYPO_RATE_LIMIT", "VIEW_COUNT_RATE")
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}


@pytest.fixture(scope="module")
def shipped():
    """The settings module's values with none of the limits set in the environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name in LIMITS:
            patch.delenv(name, raising=False)
        values = runpy.run_path(str(SETTINGS_FILE))
    return {name: values[name] for name in LIMITS}


@pytest.fixture
def defaults(settings, shipped):
    for name, value in shipped.items():
        setattr(settings, name, value)
    return shipped


@pytest.fixture
def frozen():
    """One instant for the whole burst, so no window rolls over between requests."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def test_shipped_limits(shipped):
    assert shipped == {
        "COMMENTS_RATE": "5/m",
        "COMMENTS_REPORT_RATE": "30/h",
        "RATING_RATE_LIMIT": "20/h",
        "TYPO_RATE_LIMIT": "10/m",
        "VIEW_COUNT_RATE": "30/m",
    }


def burst(send, allowed):
    """Statuses of `allowed` requests, then of one more."""
    statuses = [send(n).status_code for n in range(allowed + 1)]
    return statuses[:-1], statuses[-1]


def test_sixth_comment_in_a_minute_is_refused(defaults, frozen):
    story = ArticleFactory()
    client = Client(**BROWSER)
    url = reverse("comments:post", kwargs={"pk": story.pk})

    def comment(n):
        text = f"Point number {n} on the budget."
        return client.post(url, {"author_name": "Anna", "text": text, "website": "", "issued": old_stamp()})

    allowed, extra = burst(comment, 5)

    assert 429 not in allowed
    assert extra == 429


def test_thirty_first_report_in_an_hour_is_refused(defaults, frozen):
    comments = CommentFactory.create_batch(31)
    client = Client(**BROWSER)
    url = reverse("comments:report")

    allowed, extra = burst(lambda n: client.post(url, {"comment": comments[n].pk}), 30)

    assert set(allowed) == {302}
    assert extra == 429


def test_twenty_first_vote_on_a_story_in_an_hour_is_refused(defaults, frozen):
    story = ArticleFactory()
    client = Client(**BROWSER)
    url = reverse("articles:rate", kwargs={"pk": story.pk})

    allowed, extra = burst(lambda n: client.post(url, {"score": n % 5 + 1}), 20)

    assert set(allowed) == {302}
    assert extra == 429


def test_eleventh_typo_report_in_a_minute_is_refused(defaults, frozen):
    story = ArticleFactory()
    client = Client(**BROWSER)
    url = reverse("comments:typo_report")

    allowed, extra = burst(
        lambda n: client.post(url, {"article": story.pk, "selection": "comfortable majority", "comment": f"{n}"}), 10
    )

    assert 429 not in allowed
    assert extra == 429


def test_thirty_first_view_beacon_in_a_minute_is_refused(defaults, frozen):
    story = ArticleFactory()
    client = Client(**BROWSER)
    url = reverse("articles:reader_seen", kwargs={"pk": story.pk})

    allowed, extra = burst(lambda n: client.post(url), 30)

    assert set(allowed) == {204}
    assert extra == 429
