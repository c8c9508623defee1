"""Moderators' services at their edges: who moderated what and when, reports counted per comment,
one commenter's whole record found by account, e-mail or address."""

import pytest

from comments import services
from comments.models import Comment, CommentReport
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("moderator", is_staff=True)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (services.comments_reject, Comment.Status.REJECTED),
        (services.comments_mark_spam, Comment.Status.SPAM),
        (services.comments_approve, Comment.Status.APPROVED),
    ],
)
def test_bulk_verdicts_record_the_moderator(story, moderator, action, status):
    comment = CommentFactory(article=story, status="pending")

    assert action(comments=[comment], moderator=moderator) == 1

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderated_at is not None) == (status, moderator, True)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (services.comment_reject, Comment.Status.REJECTED),
        (services.comment_mark_spam, Comment.Status.SPAM),
        (services.comment_approve, Comment.Status.APPROVED),
    ],
)
def test_single_verdicts_record_the_moderator(story, moderator, action, status):
    comment = CommentFactory(article=story, status="pending")

    action(comment=comment, moderator=moderator)

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (status, moderator)


def test_reports_are_counted_per_comment_and_only_while_open(story):
    reported, other = CommentFactory(article=story), CommentFactory(article=story)
    services.comment_report(comment=reported, reporter="reader:a", ip_hash="1" * 64)
    services.comment_report(comment=reported, reporter="reader:b", ip_hash="2" * 64)
    services.comment_approve(comment=reported)  # a moderator looked: those reports are resolved

    assert services.comment_report(comment=other, reporter="reader:a", ip_hash="1" * 64) is True
    assert services.comment_report(comment=reported, reporter="reader:c", ip_hash="3" * 64) is True

    assert Comment.objects.get(pk=other.pk).open_reports == 1
    assert Comment.objects.get(pk=reported.pk).open_reports == 1
    assert CommentReport.objects.filter(comment=reported).count() == 3


def test_an_edit_that_changes_the_status_records_the_moderator_and_one_that_does_not_leaves_it(story, moderator):
    comment = CommentFactory(article=story, status="pending")

    comment.text = "Edited for length."
    services.comment_save(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert (comment.moderated_by, comment.moderated_at) == (None, None)

    comment.status = Comment.Status.APPROVED
    services.comment_save(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert comment.moderated_by == moderator and comment.moderated_at is not None


def test_a_commenters_record_is_found_by_account_by_email_and_by_address(story, django_user_model):
    heckler = django_user_model.objects.create_user("heckler")
    by_account = [CommentFactory(article=story, user=heckler) for _ in range(2)]
    by_email = [CommentFactory(article=story, author_email="Troll@example.org") for _ in range(2)]
    by_address = [CommentFactory(article=story, ip_hash="9" * 64, author_email="") for _ in range(2)]
    bystander = CommentFactory(article=story, author_email="calm@example.org")

    found = set(services.comments_by_same_commenters([by_email[0], by_address[0], by_account[0]]))

    assert found == {*by_account, *by_email, *by_address}
    assert bystander not in found


def test_removing_a_commenter_rejects_what_was_not_rejected_yet(story, moderator):
    CommentFactory(article=story, author_email="troll@example.org", status="rejected")
    live = [CommentFactory(article=story, author_email="troll@example.org") for _ in range(2)]

    assert services.comments_remove_by_commenters(comments=live[:1], moderator=moderator) == 2
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.REJECTED}
