"""One reader, one cookie: votes, comments and comment reports know an anonymous reader by the same id,
and readers who acted under the earlier `voter` and `np_reader` cookies are still themselves."""

import secrets

import pytest
from django.core.signing import get_cookie_signer
from django.test import Client
from django.urls import reverse

from articles.models import Vote
from comments.models import Comment, CommentReport
from tests.comments.conftest import old_stamp
from tests.factories import ArticleFactory, CommentFactory, VoteFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
JSON = {"HTTP_ACCEPT": "application/json"}


def reader():
    return Client(HTTP_USER_AGENT=BROWSER)


def earlier_cookie(name, salt, value):
    """A cookie as the site signed it before the reader cookie (Django salts with name + salt)."""
    return get_cookie_signer(salt=name + salt).sign(value)


def cookie_id(browser):
    """The id in the reader cookie (a signed value reads "id:timestamp:signature")."""
    return browser.cookies["reader"].value.rsplit(":", 2)[0]


def voted_before(browser, story, score):
    anonymous_id = secrets.token_urlsafe(24)
    VoteFactory(article=story, anonymous_id=anonymous_id, score=score)
    browser.cookies["voter"] = earlier_cookie("voter", "articles.rating.voter", anonymous_id)
    return anonymous_id


def commented_before(browser, story):
    token = secrets.token_hex(16)
    comment = CommentFactory(article=story, status=Comment.Status.PENDING, reader_token=token)
    browser.cookies["np_reader"] = earlier_cookie("np_reader", "comments.reader", token)
    return token, comment


def comment(browser, story, text="A point worth making about the budget."):
    fields = {"author_name": "Anna", "author_email": "", "text": text, "website": "", "issued": old_stamp()}
    return browser.post(reverse("comments:post", kwargs={"pk": story.pk}), fields, **JSON)


def rate(browser, story, score):
    return browser.post(reverse("articles:rate", kwargs={"pk": story.pk}), {"score": score}, **JSON)


def own_vote(browser, story):
    return browser.get(reverse("articles:rating_state", kwargs={"pk": story.pk})).json()["score"]


def pending_ids(browser, story):
    state = browser.get(reverse("comments:state", kwargs={"pk": story.pk})).json()
    return [item["id"] for item in state["pending"]]


def test_one_cookie_knows_the_reader_in_votes_comments_and_reports():
    story = ArticleFactory(comments_moderation="pre")
    reported = CommentFactory(article=story)
    browser = reader()

    rate(browser, story, 4)
    first_id = cookie_id(browser)
    comment(browser, story)
    browser.post(reverse("comments:report"), {"comment": reported.pk}, **JSON)

    anonymous_id = Vote.objects.get().anonymous_id
    assert cookie_id(browser) == first_id == anonymous_id
    assert Comment.objects.get(status=Comment.Status.PENDING).reader_token == anonymous_id
    assert CommentReport.objects.get().reporter == f"reader:{anonymous_id}"
    assert not {"voter", "np_reader"} & set(browser.cookies)


def test_a_reader_who_voted_with_the_voter_cookie_is_the_same_voter():
    story = ArticleFactory()
    browser = reader()
    anonymous_id = voted_before(browser, story, score=2)

    assert own_vote(browser, story) == 2
    response = rate(browser, story, 5)

    assert response.json()["count"] == 1  # changed, not counted twice
    assert Vote.objects.get().anonymous_id == anonymous_id
    # Moved to the reader cookie under the same id: the vote stays theirs once `voter` expires.
    del browser.cookies["voter"]
    assert own_vote(browser, story) == 5


def test_a_reader_with_the_np_reader_cookie_still_sees_their_pending_comment():
    story = ArticleFactory(comments_moderation="pre")
    browser = reader()
    token, pending = commented_before(browser, story)

    assert pending_ids(browser, story) == [pending.pk]
    comment(browser, story, text="And a second thought on the same budget.")

    newer = Comment.objects.exclude(pk=pending.pk).get()
    assert newer.reader_token == token
    assert pending_ids(browser, story) == [pending.pk, newer.pk]
    assert pending_ids(reader(), story) == []


def test_a_reader_with_both_earlier_cookies_keeps_their_vote_and_their_comments():
    story = ArticleFactory(comments_moderation="pre")
    browser = reader()
    anonymous_id = voted_before(browser, story, score=3)
    _token, pending = commented_before(browser, story)

    rate(browser, story, 4)

    # The vote's id wins (a vote is found by exactly that id); the comment is still found by its own.
    assert cookie_id(browser) == anonymous_id
    assert (Vote.objects.count(), own_vote(browser, story)) == (1, 4)
    assert pending_ids(browser, story) == [pending.pk]


@pytest.mark.parametrize("name", ["voter", "np_reader", "reader"])
def test_a_cookie_we_did_not_sign_is_nobody(name):
    story = ArticleFactory(comments_moderation="pre")
    CommentFactory(article=story, status=Comment.Status.PENDING, reader_token="a" * 32)
    VoteFactory(article=story, anonymous_id="a" * 32, score=2)
    browser = reader()
    browser.cookies[name] = "a" * 32 + ":forged"

    assert own_vote(browser, story) is None
    assert pending_ids(browser, story) == []


def test_signed_in_readers_are_known_by_account_and_get_no_cookie(django_user_model):
    story = ArticleFactory()
    reported = CommentFactory(article=story)
    browser = reader()
    browser.force_login(django_user_model.objects.create_user("reader"))

    vote = rate(browser, story, 5)
    report = browser.post(reverse("comments:report"), {"comment": reported.pk}, **JSON)

    assert "reader" not in vote.cookies and "reader" not in report.cookies
    assert CommentReport.objects.get().reporter.startswith("user:")
