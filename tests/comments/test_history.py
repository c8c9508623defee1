"""A commenter's record: more than half of their recently moderated comments rejected sends the next one
to pre-moderation, matched by account as well as by e-mail or address."""

import pytest

from comments import services
from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

HELD = "Most of this commenter's recent comments were rejected"


@pytest.fixture
def post_moderated(settings):
    settings.COMMENTS_MODERATION = "post"
    settings.COMMENTS_MODERATION_SIGNED_IN = "post"
    settings.COMMENTS_HISTORY_MIN = 3


def create(story, **kwargs):
    kwargs.setdefault("author_name", "Anna")
    return services.comment_create(article=story, text="Another view of the budget.", **kwargs)


@pytest.mark.parametrize(
    ("record", "held"),
    [
        (["rejected", "approved"], False),  # too few to judge
        (["rejected", "spam", "approved", "approved"], False),  # exactly half: not "most"
        (["rejected", "spam", "approved"], True),  # two of three
        (["rejected", "spam", "spam", "approved", "approved"], True),  # three of five
        (["rejected", "rejected", "rejected"], True),  # at the minimum, all bad
    ],
    ids=["below-minimum", "exactly-half", "two-of-three", "three-of-five", "minimum-all-bad"],
)
def test_history_at_its_boundaries(story, post_moderated, record, held):
    for status in record:
        CommentFactory(article=story, status=status, author_email="record@example.org")

    comment = create(story, author_email="record@example.org", ip_hash="f" * 64)

    assert (comment.status == Comment.Status.PENDING) is held
    assert (comment.held_reason == HELD) is held


def test_pending_comments_are_not_part_of_the_record(story, post_moderated):
    for status in ["rejected", "spam", "pending", "pending", "approved"]:
        CommentFactory(article=story, status=status, author_email="record@example.org")

    comment = create(story, author_email="record@example.org", ip_hash="f" * 64)

    assert comment.held_reason == HELD


def test_a_signed_in_commenter_with_a_bad_record_is_held_from_a_new_address(story, post_moderated, django_user_model):
    reader = django_user_model.objects.create_user("heckler")
    for status in ["rejected", "spam", "approved"]:
        CommentFactory(article=story, status=status, user=reader, ip_hash="1" * 64, author_email="")

    comment = create(story, user=reader, ip_hash="2" * 64, author_email="")

    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == HELD


def test_another_account_on_a_clean_address_is_not_held(story, post_moderated, django_user_model):
    heckler = django_user_model.objects.create_user("heckler")
    for status in ["rejected", "spam", "approved"]:
        CommentFactory(article=story, status=status, user=heckler, ip_hash="1" * 64, author_email="")

    comment = create(story, user=django_user_model.objects.create_user("neighbour"), ip_hash="2" * 64)

    assert comment.status == Comment.Status.APPROVED
