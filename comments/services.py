"""Writes on comments. Each one that may change what readers see recounts the story's comment_count
in the same transaction, with the story row locked, so the count on cards and pages stays exact."""

import functools
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from articles.models import Article
from newsportal import pagecache

from .models import Comment, CommentReport, WordRule, text_fingerprint
from .text import count_links
from .threads import replied_comment

PRE = "pre"
POST = "post"

# Why a comment is held, stored untranslated: the reader's language is active when it is written, and
# the moderator reads it in theirs (held_reason_display).
HELD_BANNED_WORD = gettext_noop("Banned word: %(word)s")
HELD_SUSPECT_WORD = gettext_noop("Suspect word: %(word)s")
HELD_LINKS = gettext_noop("Contains links")
HELD_HISTORY = gettext_noop("Most of this commenter's recent comments were rejected")
HELD_PRE_MODERATION = gettext_noop("Pre-moderation")
HELD_REASONS = (HELD_BANNED_WORD, HELD_SUSPECT_WORD, HELD_LINKS, HELD_HISTORY, HELD_PRE_MODERATION)


def _reason_pattern(text):
    return re.compile("^" + re.escape(text).replace(re.escape("%(word)s"), "(?P<word>.+)") + "$", re.DOTALL)


@functools.cache
def _reason_patterns():
    """Each reason with the pattern of its stored form, built once per process: the moderation list
    shows a reason on each of its rows. (Reasons stored in the commenter's language before were rewritten
    by migration comments 0006.)"""
    return [(source, _reason_pattern(source)) for source in HELD_REASONS]


def held_reason_display(reason):
    """A stored reason in the active language; a reason the code does not know is shown as stored."""
    if not reason:
        return reason
    for source, pattern in _reason_patterns():
        match = pattern.match(reason)
        if match:
            return _(source) % match.groupdict() if "%(word)s" in source else _(source)
    return reason


def comments_close_at(article):
    """When comments close by themselves (None for a story not yet published)."""
    if not article.published_at:
        return None
    return article.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)


def comments_open(article, *, now=None):
    """Readers may comment: the story is live, an editor has not closed comments and they have not expired."""
    now = now or timezone.now()
    close_at = comments_close_at(article)
    return bool(article.is_live and not article.comments_closed and close_at and now < close_at)


def moderation_mode(*, article, user=None):
    """ "pre" or "post": the story's own setting, else the site's (signed-in readers have their own)."""
    if article.comments_moderation:
        return article.comments_moderation
    if user is not None and user.is_authenticated:
        return settings.COMMENTS_MODERATION_SIGNED_IN
    return settings.COMMENTS_MODERATION


def commenter_mostly_rejected(*, user=None, email="", ip_hash="", now=None):
    """Most of this commenter's recently moderated comments were rejected or spam."""
    now = now or timezone.now()
    recent = (
        Comment.objects.by_commenter(user=user, email=email, ip_hash=ip_hash)
        .filter(created_at__gte=now - timedelta(days=settings.COMMENTS_HISTORY_DAYS))
        .exclude(status=Comment.Status.PENDING)
    )
    counts = recent.aggregate(
        total=Count("pk"), bad=Count("pk", filter=Q(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM]))
    )
    return counts["total"] >= settings.COMMENTS_HISTORY_MIN and counts["bad"] * 2 > counts["total"]


def _word_rules_matching(text):
    rules = list(WordRule.objects.all())
    banned = [rule.word for rule in rules if rule.kind == WordRule.Kind.BANNED and rule.matches(text)]
    suspect = [rule.word for rule in rules if rule.kind == WordRule.Kind.SUSPECT and rule.matches(text)]
    return banned, suspect


def _first_status(*, article, text, user, email, ip_hash, now):
    """(status, why) for a new comment."""
    banned, suspect = _word_rules_matching(text)
    if banned:
        return Comment.Status.SPAM, HELD_BANNED_WORD % {"word": banned[0]}
    if user is not None and user.is_staff:
        return Comment.Status.APPROVED, ""
    if suspect:
        return Comment.Status.PENDING, HELD_SUSPECT_WORD % {"word": suspect[0]}
    if count_links(text):
        return Comment.Status.PENDING, HELD_LINKS
    if commenter_mostly_rejected(user=user, email=email, ip_hash=ip_hash, now=now):
        return Comment.Status.PENDING, HELD_HISTORY
    if moderation_mode(article=article, user=user) == PRE:
        return Comment.Status.PENDING, HELD_PRE_MODERATION
    return Comment.Status.APPROVED, ""


def _lock_stories(article_ids):
    """Serialise count changes per story (in id order, so two bulk actions cannot deadlock)."""
    list(Article.objects.select_for_update().filter(pk__in=article_ids).order_by("pk").values_list("pk", flat=True))


def comment_count_refresh(*, article_ids):
    """Recount the comments readers see on these stories (one UPDATE, whatever the number of stories)."""
    visible = (
        Comment.objects.visible()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.filter(pk__in=list(article_ids)).update(comment_count=Coalesce(Subquery(visible), Value(0)))
    pagecache.discussion_changed(article_ids=article_ids)


def comment_create(*, article, text, author_name, author_email="", user=None, parent=None, ip_hash="", reader_token=""):
    """Store a reader's comment with the status the site's rules give it.

    Raises ValidationError when comments on the story are closed, when `parent` is no comment
    readers see under this story, or for a text already posted on the story recently. A reply
    to a reply is attached to the top-level comment: threads are one level deep.
    """
    now = timezone.now()
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        _lock_stories([article.pk])
        if not comments_open(article, now=now):
            raise ValidationError(_("Comments on this story are closed."), code="closed")
        if parent is not None:
            parent = replied_comment(article=article, pk=parent.pk)
            parent = parent.parent if parent.parent_id else parent
        since = now - timedelta(days=settings.COMMENTS_DUPLICATE_DAYS)
        if Comment.objects.filter(article=article, fingerprint=text_fingerprint(text), created_at__gte=since).exists():
            raise ValidationError(
                _("This comment has already been posted on this story. Write something new, or edit the text."),
                code="duplicate",
            )
        status, why = _first_status(article=article, text=text, user=user, email=author_email, ip_hash=ip_hash, now=now)
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            user=user,
            author_name=author_name,
            author_email=author_email,
            text=text,
            status=status,
            held_reason=why,
            ip_hash=ip_hash,
            reader_token=reader_token,
            created_at=now,
        )
        if status == Comment.Status.APPROVED:
            comment_count_refresh(article_ids=[article.pk])
    return comment


def comments_moderate(*, comments, status, moderator=None):
    """Give comments a moderator's verdict; their open reports count as seen. Returns how many changed."""
    ids = [comment.pk for comment in comments]
    now = timezone.now()
    moderator = moderator if moderator is not None and moderator.is_authenticated else None
    with transaction.atomic():
        article_ids = set(Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True))
        _lock_stories(article_ids)
        changed = Comment.objects.filter(pk__in=ids).update(
            status=status, is_hidden=False, open_reports=0, moderated_at=now, moderated_by=moderator
        )
        CommentReport.objects.filter(comment_id__in=ids, is_resolved=False).update(is_resolved=True)
        comment_count_refresh(article_ids=article_ids)
    return changed


def comments_approve(*, comments, moderator=None):
    return comments_moderate(comments=comments, status=Comment.Status.APPROVED, moderator=moderator)


def comments_reject(*, comments, moderator=None):
    return comments_moderate(comments=comments, status=Comment.Status.REJECTED, moderator=moderator)


def comments_mark_spam(*, comments, moderator=None):
    return comments_moderate(comments=comments, status=Comment.Status.SPAM, moderator=moderator)


def comment_approve(*, comment, moderator=None):
    comments_approve(comments=[comment], moderator=moderator)


def comment_reject(*, comment, moderator=None):
    comments_reject(comments=[comment], moderator=moderator)


def comment_mark_spam(*, comment, moderator=None):
    comments_mark_spam(comments=[comment], moderator=moderator)


def comments_by_same_commenters(comments):
    """Every comment by the authors of these comments (matched by account, e-mail or address hash)."""
    match = Q(pk__in=[])
    for comment in comments:
        if comment.user_id:
            match |= Q(user_id=comment.user_id)
        elif comment.author_email:
            match |= Q(author_email__iexact=comment.author_email)
        elif comment.ip_hash:
            match |= Q(ip_hash=comment.ip_hash)
        else:
            match |= Q(pk=comment.pk)
    return Comment.objects.filter(match)


def comments_remove_by_commenters(*, comments, moderator=None):
    """Reject everything the authors of these comments wrote, on every story. Returns how many."""
    everything = list(comments_by_same_commenters(comments).exclude(status=Comment.Status.REJECTED).only("pk"))
    return comments_reject(comments=everything, moderator=moderator)


def comments_mark_pick(*, comments, is_pick=True):
    """Editor's picks are shown first under the story; the count does not change."""
    changed = Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(is_pick=is_pick)
    pagecache.comments_reordered(article_ids={comment.article_id for comment in comments})
    return changed


def comment_report(*, comment, reporter, ip_hash=""):
    """Record one reader's report. True if it counted, False if this reader had already reported the comment.

    Enough reports from different addresses hide the comment until a moderator looks at it.
    """
    with transaction.atomic():
        _lock_stories([comment.article_id])
        try:
            with transaction.atomic():
                CommentReport.objects.create(comment=comment, reporter=reporter, ip_hash=ip_hash)
        except IntegrityError:
            return False
        open_reports = CommentReport.objects.filter(comment=comment, is_resolved=False)
        counts = open_reports.aggregate(total=Count("pk"), addresses=Count("ip_hash", distinct=True))
        comment.open_reports = counts["total"]
        hide = (
            comment.status == Comment.Status.APPROVED
            and not comment.is_hidden
            and counts["addresses"] >= settings.COMMENTS_HIDE_AFTER_REPORTS
        )
        comment.is_hidden = comment.is_hidden or hide
        Comment.objects.filter(pk=comment.pk).update(open_reports=comment.open_reports, is_hidden=comment.is_hidden)
        if hide:
            comment_count_refresh(article_ids=[comment.article_id])
    return True


def comment_save(*, comment, moderator=None):
    """A moderator's edit in the admin: whatever changed, both stories involved keep an exact count."""
    with transaction.atomic():
        before = (
            Comment.objects.filter(pk=comment.pk).values_list("article_id", "status").first() if comment.pk else None
        )
        article_ids = {comment.article_id} | ({before[0]} if before else set())
        _lock_stories(article_ids)
        if before and before[1] != comment.status:
            comment.moderated_at = timezone.now()
            comment.moderated_by = moderator if moderator is not None and moderator.is_authenticated else None
        comment.save()
        comment_count_refresh(article_ids=article_ids)
    return comment


def comments_delete(*, comments):
    """Delete comments (their replies go with them) and recount their stories."""
    ids = [comment.pk for comment in comments]
    with transaction.atomic():
        article_ids = set(Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True))
        _lock_stories(article_ids)
        Comment.objects.filter(pk__in=ids).delete()
        comment_count_refresh(article_ids=article_ids)
