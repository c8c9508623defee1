from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article
from comments import services
from comments.models import Comment, CommentReport, WordRule
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def create(article, text="A measured view of the budget.", **kwargs):
    kwargs.setdefault("author_name", "Anna")
    kwargs.setdefault("ip_hash", "a" * 64)
    return services.comment_create(article=article, text=text, **kwargs)


def count(article):
    return Article.objects.get(pk=article.pk).comment_count


class TestFirstStatus:
    def test_pre_moderation_is_the_default_for_anonymous_readers(self, story):
        comment = create(story)
        assert comment.status == Comment.Status.PENDING
        assert comment.held_reason == "Pre-moderation"
        assert count(story) == 0

    def test_post_moderation_publishes_at_once(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        comment = create(story)
        assert comment.status == Comment.Status.APPROVED
        assert count(story) == 1

    def test_story_override_wins_over_the_site(self, settings):
        settings.COMMENTS_MODERATION = "pre"
        assert create(ArticleFactory(comments_moderation="post")).status == Comment.Status.APPROVED
        settings.COMMENTS_MODERATION = "post"
        assert create(ArticleFactory(comments_moderation="pre")).status == Comment.Status.PENDING

    def test_signed_in_readers_follow_their_own_setting(self, story, settings, django_user_model):
        settings.COMMENTS_MODERATION = "pre"
        settings.COMMENTS_MODERATION_SIGNED_IN = "post"
        reader = django_user_model.objects.create_user("reader")
        comment = create(story, user=reader)
        assert comment.status == Comment.Status.APPROVED
        assert comment.user == reader

    def test_links_are_held_for_moderation(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        comment = create(story, text="See https://example.org for the figures.")
        assert comment.status == Comment.Status.PENDING
        assert comment.held_reason == "Contains links"

    def test_suspect_words_are_held(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        WordRule.objects.create(word="Bribe", kind=WordRule.Kind.SUSPECT)
        comment = create(story, text="Was there a bribe involved?")
        assert comment.status == Comment.Status.PENDING
        assert comment.held_reason == "Suspect word: bribe"

    def test_banned_words_are_spam(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        WordRule.objects.create(word="casino", kind=WordRule.Kind.BANNED)
        comment = create(story, text="Best casino deals here")
        assert comment.status == Comment.Status.SPAM
        assert count(story) == 0

    def test_staff_comments_are_published(self, story, django_user_model):
        staff = django_user_model.objects.create_user("desk", is_staff=True)
        assert create(story, user=staff, text="See https://example.org").status == Comment.Status.APPROVED

    @pytest.mark.parametrize(
        ("match", "same"),
        [
            ({"author_email": "troll@example.org"}, {"author_email": "TROLL@example.org"}),
            ({"ip_hash": "b" * 64}, {"ip_hash": "b" * 64}),
        ],
    )
    def test_commenters_mostly_rejected_go_to_pre_moderation(self, story, settings, match, same):
        settings.COMMENTS_MODERATION = "post"
        for status in ["rejected", "spam", "approved"]:
            CommentFactory(article=story, status=status, **match)
        comment = create(story, **{"ip_hash": "c" * 64, **same})
        assert comment.status == Comment.Status.PENDING
        assert comment.held_reason == "Most of this commenter's recent comments were rejected"

    def test_a_good_history_or_an_old_one_does_not_hold(self, story, settings):
        settings.COMMENTS_MODERATION = "post"
        for status in ["rejected", "approved", "approved"]:
            CommentFactory(article=story, status=status, author_email="ok@example.org")
        with time_machine.travel(timezone.now() - timedelta(days=60)):
            for _ in range(3):
                CommentFactory(article=story, status="spam", author_email="ok@example.org")
        assert create(story, author_email="ok@example.org").status == Comment.Status.APPROVED


class TestDuplicates:
    def test_same_text_on_same_story_is_refused(self, story):
        create(story, text="Well said,  minister.")
        with pytest.raises(ValidationError) as error:
            create(story, text="well SAID, minister.", ip_hash="d" * 64)
        assert error.value.code == "duplicate"
        assert Comment.objects.count() == 1

    def test_same_text_elsewhere_or_later_is_fine(self, story, settings):
        settings.COMMENTS_DUPLICATE_DAYS = 7
        create(story, text="Well said.")
        create(ArticleFactory(), text="Well said.")
        with time_machine.travel(timezone.now() + timedelta(days=8)):
            create(story, text="Well said.")
        assert Comment.objects.count() == 3


class TestCount:
    def test_count_follows_every_change_of_visibility(self, story, settings, admin_user):
        pending = create(story)
        assert count(story) == 0
        services.comment_approve(comment=pending, moderator=admin_user)
        assert count(story) == 1
        pending.refresh_from_db()
        assert pending.moderated_by == admin_user
        reply = create(story, text="I agree.", parent=pending)
        services.comment_approve(comment=reply)
        assert count(story) == 2
        services.comment_reject(comment=pending)
        # The reply is shown under its comment: rejecting that takes both off the page.
        assert count(story) == 0
        services.comment_approve(comment=pending)
        assert count(story) == 2
        services.comment_mark_spam(comment=reply)
        assert count(story) == 1
        services.comments_delete(comments=[pending])
        assert count(story) == 0
        assert not Comment.objects.exists()

    def test_bulk_moderation_recounts_every_story(self):
        one, two = ArticleFactory(), ArticleFactory()
        comments = [create(one, text=f"Text {i}", ip_hash=f"{i}" * 64) for i in range(3)]
        comments.append(create(two))
        assert services.comments_approve(comments=comments) == 4
        assert (count(one), count(two)) == (3, 1)

    def test_admin_edit_recounts_both_stories(self, story):
        other = ArticleFactory()
        comment = CommentFactory(article=story)
        comment.article = other
        services.comment_save(comment=comment)
        assert (count(story), count(other)) == (0, 1)
        comment.status = Comment.Status.REJECTED
        services.comment_save(comment=comment)
        assert count(other) == 0
        assert Comment.objects.get().moderated_at is not None


def test_reply_to_a_reply_attaches_to_the_top_level_comment(story):
    top = CommentFactory(article=story)
    reply = CommentFactory(article=story, parent=top)
    answer = create(story, parent=reply)
    assert answer.parent == top


class TestReports:
    def test_one_report_per_reader(self, story):
        comment = CommentFactory(article=story)
        assert services.comment_report(comment=comment, reporter="reader:x", ip_hash="1")
        assert not services.comment_report(comment=comment, reporter="reader:x", ip_hash="1")
        assert CommentReport.objects.count() == 1
        assert Comment.objects.get().open_reports == 1

    def test_hidden_after_reports_from_different_addresses(self, story, settings):
        settings.COMMENTS_HIDE_AFTER_REPORTS = 3
        comment = CommentFactory(article=story)
        # Three cookies from one address are one person clearing cookies, not three readers.
        for reader in "abc":
            services.comment_report(comment=comment, reporter=f"reader:{reader}", ip_hash="same")
        assert not Comment.objects.get().is_hidden
        services.comment_report(comment=comment, reporter="reader:d", ip_hash="other")
        assert not Comment.objects.get().is_hidden
        assert count(story) == 1
        services.comment_report(comment=comment, reporter="user:7", ip_hash="third")
        comment.refresh_from_db()
        assert comment.is_hidden
        assert comment.open_reports == 5
        assert count(story) == 0
        assert list(Comment.objects.waiting()) == [comment]

    def test_moderator_approval_shows_it_again_and_closes_reports(self, story, settings):
        settings.COMMENTS_HIDE_AFTER_REPORTS = 1
        comment = CommentFactory(article=story)
        services.comment_report(comment=comment, reporter="reader:a", ip_hash="1")
        assert count(story) == 0
        services.comment_approve(comment=comment)
        comment.refresh_from_db()
        assert (comment.is_hidden, comment.open_reports) == (False, 0)
        assert count(story) == 1
        assert not CommentReport.objects.filter(is_resolved=False).exists()
        assert not Comment.objects.waiting().exists()


def test_remove_by_commenters_rejects_all_their_comments_everywhere(settings):
    one, two = ArticleFactory(), ArticleFactory()
    troll = CommentFactory(article=one, author_email="troll@example.org")
    CommentFactory(article=two, author_email="Troll@Example.org")
    CommentFactory(article=two, ip_hash="f" * 64)
    keeper = CommentFactory(article=two)
    assert services.comments_remove_by_commenters(comments=[troll]) == 2
    assert (count(one), count(two)) == (0, 2)
    keeper.refresh_from_db()
    assert keeper.status == Comment.Status.APPROVED


class TestWhereReadersMayComment:
    """comment_create holds the rules itself, whoever calls it."""

    def test_closed_comments_are_refused_with_a_clear_message(self):
        story = ArticleFactory(comments_closed=True)
        with pytest.raises(ValidationError) as caught:
            create(story)
        assert caught.value.code == "closed"
        assert caught.value.messages == ["Comments on this story are closed."]
        assert not Comment.objects.exists()

    def test_comments_closed_by_age_or_not_yet_live_are_refused(self, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 30
        for story in (
            ArticleFactory(published_at=timezone.now() - timedelta(days=31)),
            ArticleFactory(draft=True),
            ArticleFactory(scheduled=True),
        ):
            with pytest.raises(ValidationError, match="closed"):
                create(story)
        assert not Comment.objects.exists()

    @pytest.mark.parametrize(
        "unshown",
        [
            {"status": Comment.Status.PENDING},
            {"status": Comment.Status.REJECTED},
            {"status": Comment.Status.SPAM},
            {"is_hidden": True},
        ],
        ids=["pending", "rejected", "spam", "hidden-by-reports"],
    )
    def test_a_reply_to_a_comment_readers_do_not_see_is_refused(self, story, unshown):
        parent = CommentFactory(article=story, **unshown)
        with pytest.raises(ValidationError) as caught:
            create(story, parent=parent)
        assert caught.value.code == "no_parent"
        assert caught.value.messages == ["The comment you are replying to is not shown any more."]
        assert Comment.objects.count() == 1

    def test_a_reply_under_a_hidden_comment_cannot_be_answered_either(self, story):
        top = CommentFactory(article=story, is_hidden=True)
        reply = CommentFactory(article=story, parent=top)
        with pytest.raises(ValidationError, match="not shown any more"):
            create(story, parent=reply)

    def test_a_reply_to_a_comment_on_another_story_is_refused(self, story):
        elsewhere = CommentFactory(article=ArticleFactory())
        with pytest.raises(ValidationError) as caught:
            create(story, parent=elsewhere)
        assert caught.value.code == "other"
        assert caught.value.messages == ["The comment you are replying to belongs to another story."]
        assert not Comment.objects.filter(article=story).exists()

    def test_a_reply_to_a_shown_comment_is_stored_under_it(self, story):
        top = CommentFactory(article=story)
        assert create(story, parent=top).parent == top


class TestOpen:
    def test_open_while_fresh_and_not_closed(self, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 30
        now = timezone.now()
        assert services.comments_open(ArticleFactory(published_at=now - timedelta(days=29)))
        assert not services.comments_open(ArticleFactory(published_at=now - timedelta(days=31)))
        assert not services.comments_open(ArticleFactory(comments_closed=True))
        assert not services.comments_open(ArticleFactory(draft=True))
        assert not services.comments_open(ArticleFactory(scheduled=True))


@pytest.mark.django_db(transaction=True)
def test_count_stays_exact_under_concurrent_posting_and_moderation(settings):
    """Readers post and moderators approve at the same time on one story: no update is lost."""
    import threading

    from django.db import connection

    settings.COMMENTS_MODERATION = "post"
    story = ArticleFactory()
    waiting = [create(story, text=f"Held {i}", ip_hash=f"{i:064x}", author_email=f"h{i}@x.org") for i in range(8)]
    Comment.objects.filter(pk__in=[c.pk for c in waiting]).update(status=Comment.Status.PENDING)
    services.comment_count_refresh(article_ids=[story.pk])
    start = threading.Barrier(16)
    errors = []

    def post(i):
        try:
            start.wait()
            create(story, text=f"Posted at once {i}", ip_hash=f"{i + 100:064x}")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def approve(comment):
        try:
            start.wait()
            services.comment_approve(comment=comment)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(8)]
    threads += [threading.Thread(target=approve, args=(comment,)) for comment in waiting]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert count(story) == 16 == Comment.objects.visible().filter(article=story).count()
