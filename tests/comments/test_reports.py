"""Readers reporting abusive comments."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import CommentReport
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def report(client, comment, **headers):
    return client.post(reverse("comments:report"), {"comment": comment.pk}, **headers)


def test_no_js_report_goes_back_to_the_comment_with_a_thank_you(client, story):
    comment = CommentFactory(article=story)
    response = report(client, comment)
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}?reported=1#comment-{comment.pk}"
    assert "Moderators will look at the comment" in client.get(response["Location"]).content.decode()
    assert CommentReport.objects.get().reporter.startswith("reader:")


def test_one_report_per_reader(client, story):
    comment = CommentFactory(article=story)
    assert "Thank you" in report(client, comment, **JSON).json()["message"]
    again = report(client, comment, **JSON)
    assert again.status_code == 200
    assert "already reported" in again.json()["message"]
    assert CommentReport.objects.count() == 1
    state = client.get(reverse("comments:state", kwargs={"pk": story.pk})).json()
    assert state["reported"] == [comment.pk]


def test_signed_in_readers_report_once_whatever_the_browser(story, django_user_model):
    user = django_user_model.objects.create_user("reader")
    comment = CommentFactory(article=story)
    for _ in range(2):
        browser = Client()
        browser.force_login(user)
        report(browser, comment)
    assert list(CommentReport.objects.values_list("reporter", flat=True)) == [f"user:{user.pk}"]


def test_hidden_after_three_readers_until_a_moderator_looks(story, settings):
    settings.COMMENTS_HIDE_AFTER_REPORTS = 3
    comment = CommentFactory(article=story, text="Abusive words")
    for n in range(3):
        report(Client(REMOTE_ADDR=f"10.0.0.{n}"), comment)
    comment.refresh_from_db()
    assert comment.is_hidden
    assert Article.objects.get(pk=story.pk).comment_count == 0
    assert "Abusive words" not in Client().get(story.get_absolute_url()).content.decode()
    # A hidden comment cannot be reported any more.
    assert report(Client(REMOTE_ADDR="10.0.0.9"), comment).status_code == 404


def test_pending_or_unknown_comments_cannot_be_reported(client, story):
    assert report(client, CommentFactory(article=story, status="pending")).status_code == 404
    for missing in [{"comment": 999_999}, {"comment": "<script>"}, {}]:
        assert client.post(reverse("comments:report"), missing).status_code == 404
    assert client.get(reverse("comments:report"), {"comment": CommentFactory(article=story).pk}).status_code == 405
    assert not CommentReport.objects.exists()


def test_reports_are_rate_limited(client, story, settings):
    settings.COMMENTS_REPORT_RATE = "2/m"
    comments = [CommentFactory(article=story) for _ in range(3)]
    for comment in comments[:2]:
        report(client, comment)
    response = report(client, comments[2], **JSON)
    assert response.status_code == 429
    assert CommentReport.objects.count() == 2


def test_report_needs_a_csrf_token(story):
    comment = CommentFactory(article=story)
    assert report(Client(enforce_csrf_checks=True), comment).status_code == 403
    assert not CommentReport.objects.exists()
