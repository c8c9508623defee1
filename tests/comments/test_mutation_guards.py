"""Comment rules that a mutation run showed no test was holding."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from articles.models import Article
from comments import services
from comments.models import Comment, CommentReport, WordRule
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("mod", password="x", is_staff=True)  # noqa: S106


class TestCreate:
    def test_stores_who_wrote_it_as_given(self, story):
        comment = services.comment_create(
            article=story,
            text="Who pays for this?",
            author_name="Anna",
            author_email="anna@example.org",
            ip_hash="f" * 64,
            reader_token="token-1",
        )
        comment.refresh_from_db()
        assert (comment.author_name, comment.author_email, comment.ip_hash, comment.reader_token) == (
            "Anna",
            "anna@example.org",
            "f" * 64,
            "token-1",
        )

    def test_leaves_out_what_was_not_given(self, story):
        comment = services.comment_create(article=story, text="Who pays for this?", author_name="Anna")
        comment.refresh_from_db()
        assert (comment.author_email, comment.ip_hash, comment.reader_token) == ("", "", "")

    def test_an_anonymous_user_object_is_no_account(self, story):
        comment = services.comment_create(
            article=story, text="Who pays for this?", author_name="Anna", user=AnonymousUser()
        )
        assert comment.user is None

    def test_a_duplicate_is_refused_with_a_reason_readers_understand(self, story):
        services.comment_create(article=story, text="Who pays for this?", author_name="Anna")
        with pytest.raises(ValidationError) as caught:
            services.comment_create(article=story, text="Who pays for this?", author_name="Boris")
        assert caught.value.code == "duplicate"
        assert caught.value.messages == [
            "This comment has already been posted on this story. Write something new, or edit the text."
        ]


class TestFirstStatus:
    def test_a_banned_word_names_the_word(self, story):
        WordRule.objects.create(word="scam", kind=WordRule.Kind.BANNED)
        comment = services.comment_create(article=story, text="What a scam.", author_name="Anna")
        assert (comment.status, comment.held_reason) == (Comment.Status.SPAM, "Banned word: scam")

    def test_staff_and_post_moderated_comments_carry_no_reason(self, story, settings, moderator):
        settings.COMMENTS_MODERATION = "post"
        staff = services.comment_create(article=story, text="A note.", author_name="Ed", user=moderator)
        reader = services.comment_create(article=story, text="Who pays?", author_name="Anna")
        assert [(c.status, c.held_reason) for c in (staff, reader)] == [(Comment.Status.APPROVED, "")] * 2

    def test_a_suspect_word_not_in_the_text_holds_nothing(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        WordRule.objects.create(word="bribe", kind=WordRule.Kind.SUSPECT)
        comment = services.comment_create(article=story, text="A fair budget.", author_name="Anna")
        assert comment.status == Comment.Status.APPROVED

    def test_history_is_judged_as_of_now_when_no_time_is_given(self, story):
        for _ in range(3):
            CommentFactory(article=story, status=Comment.Status.REJECTED, ip_hash="b" * 64)
        assert services.commenter_mostly_rejected(ip_hash="b" * 64)


def test_comments_close_at_the_closing_moment(story):
    close_at = services.comments_close_at(story)
    assert services.comments_open(story, now=close_at - timedelta(seconds=1))
    assert not services.comments_open(story, now=close_at)


class TestModerate:
    def test_an_anonymous_moderator_is_recorded_as_nobody(self, story):
        comment = CommentFactory(article=story, status=Comment.Status.PENDING)
        services.comment_approve(comment=comment, moderator=AnonymousUser())
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED and comment.moderated_by is None

    def test_only_the_reports_of_the_moderated_comments_count_as_seen(self, story):
        judged, other = CommentFactory(article=story), CommentFactory(article=story)
        for comment in (judged, other):
            services.comment_report(comment=comment, reporter="r1", ip_hash="c" * 64)
        services.comment_reject(comment=judged)
        assert list(CommentReport.objects.filter(is_resolved=False).values_list("comment", flat=True)) == [other.pk]

    def test_a_report_without_an_address_stores_none(self, story):
        comment = CommentFactory(article=story)
        assert services.comment_report(comment=comment, reporter="r1")
        assert CommentReport.objects.get().ip_hash == ""


class TestSameCommenters:
    def test_every_way_of_matching_adds_to_the_others(self, story, django_user_model):
        user = django_user_model.objects.create_user("anna", password="x")  # noqa: S106
        by_account = CommentFactory(article=story, user=user)
        also_by_account = CommentFactory(article=story, user=user)
        by_email = CommentFactory(article=story, author_email="Boris@example.org", ip_hash="")
        also_by_email = CommentFactory(article=story, author_email="boris@example.org")
        nameless = CommentFactory(article=story, ip_hash="")
        CommentFactory(article=story)

        found = services.comments_by_same_commenters([by_account, by_email, nameless])
        assert set(found) == {by_account, also_by_account, by_email, also_by_email, nameless}

    def test_a_comment_without_any_trace_still_matches_itself(self, story):
        nameless = CommentFactory(article=story, ip_hash="")
        CommentFactory(article=story, ip_hash="")
        assert list(services.comments_by_same_commenters([nameless])) == [nameless]

    def test_removing_records_the_moderator(self, story, moderator):
        comment = CommentFactory(article=story, ip_hash="d" * 64)
        assert services.comments_remove_by_commenters(comments=[comment], moderator=moderator) == 1
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (Comment.Status.REJECTED, moderator)


class TestSave:
    def test_a_new_comment_saved_by_a_moderator_is_counted(self, story):
        comment = Comment(article=story, author_name="Ed", text="Correction noted.", status=Comment.Status.APPROVED)
        services.comment_save(comment=comment)
        assert Article.objects.get(pk=story.pk).comment_count == 1

    def test_a_status_change_by_an_anonymous_user_records_nobody(self, story):
        comment = CommentFactory(article=story, status=Comment.Status.PENDING)
        comment.status = Comment.Status.APPROVED
        services.comment_save(comment=comment, moderator=AnonymousUser())
        comment.refresh_from_db()
        assert comment.moderated_by is None and comment.moderated_at is not None
