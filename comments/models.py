"""Reader feedback: comments and typo reports."""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .typos.models import TypoReport  # noqa: F401

COMMENT_NAME_MAX_LENGTH = 80


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: approved, not hidden by reports, and (for replies) under a visible comment."""
        return self.filter(status=Comment.Status.APPROVED, is_hidden=False).filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED, parent__is_hidden=False)
        )

    def top_level(self):
        return self.filter(parent__isnull=True)

    def shown_top_level(self):
        """Top-level comments readers see (visible() without the parent join a top-level comment does not need)."""
        return self.filter(status=Comment.Status.APPROVED, is_hidden=False, parent__isnull=True)

    def on_story(self, article):
        return self.filter(article=article)

    def replyable_on(self, article):
        """Comments a reader may answer on this story: the ones readers see under it (Comment.accepts_replies)."""
        return self.visible().on_story(article)

    def posted_per_day(self, *, since):
        """{day: comments posted} from `since`, whatever became of them, days in the site's time zone.

        Every status named, so the moderation queue's (status, created_at) index serves the range."""
        rows = (
            self.filter(status__in=Comment.Status.values, created_at__gte=since)
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .order_by()
            .values_list("day")
            # COUNT(*): the index alone answers it (no heap visit for the id).
            .annotate(n=models.Count("*"))
        )
        return dict(rows)

    def pending(self):
        """Waiting for a moderator before readers may see them."""
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        """Published comments readers reported that no moderator has looked at yet."""
        return self.filter(status=Comment.Status.APPROVED, open_reports__gt=0)

    def waiting(self):
        """The moderation queue: pending and reported comments."""
        return self.filter(Q(status=Comment.Status.PENDING) | Q(status=Comment.Status.APPROVED, open_reports__gt=0))

    def by_commenter(self, *, user=None, email="", ip_hash=""):
        """Comments by the same person, matched by account, e-mail or address hash."""
        match = Q(pk__in=[])
        if user is not None and user.pk:
            match |= Q(user=user)
        if email:
            match |= Q(author_email__iexact=email)
        if ip_hash:
            match |= Q(ip_hash=ip_hash)
        return self.filter(match)

    def oldest_first(self):
        return self.order_by("-is_pick", "created_at", "id")

    def newest_first(self):
        return self.order_by("-is_pick", "-created_at", "-id")


class Comment(models.Model):
    """A reader's comment on a story, or a reply to one (replies are one level deep)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments", verbose_name=_("story")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
        help_text=_("Replies are shown under the comment they answer, one level deep."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("account"),
    )
    author_name = models.CharField(_("name"), max_length=COMMENT_NAME_MAX_LENGTH)
    author_email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown to readers."))
    # The limit readers meet is settings.COMMENTS_MAX_LENGTH, enforced by the form.
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    held_reason = models.CharField(
        _("why held"),
        max_length=200,
        blank=True,
        help_text=_("Why the comment waits for a moderator or was filed as spam."),
    )
    is_pick = models.BooleanField(
        _("editor's pick"), default=False, help_text=_("Shown first under the story and marked as an editor's pick.")
    )
    is_hidden = models.BooleanField(
        _("hidden by reports"),
        default=False,
        help_text=_("Readers reported it often enough to hide it until a moderator approves or rejects it."),
    )
    open_reports = models.PositiveIntegerField(
        _("open reports"), default=0, help_text=_("Reports since a moderator last looked at the comment.")
    )
    ip_hash = models.CharField(_("client hash"), max_length=64, blank=True, db_index=True)
    reader_token = models.CharField(
        _("reader cookie"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Lets the author see the comment while it awaits moderation."),
    )
    fingerprint = models.CharField(max_length=64, editable=False, help_text=_("Hash of the normalised text."))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-id"]
        # Moderators look a commenter up by e-mail or address; editors reading comments do not need to.
        permissions = [("view_commenter_identity", _("Can see commenters' e-mail addresses and address hashes"))]
        indexes = [
            models.Index(fields=["article", "parent", "status", "created_at"], name="comment_thread"),
            models.Index(fields=["article", "fingerprint"], name="comment_duplicate"),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
            # Reported comments waiting for a moderator: a few rows among millions, counted on the admin index.
            models.Index(fields=["status"], condition=Q(open_reports__gt=0), name="comment_reported"),
            # A story's discussion, a page at a time in either order, read from the top of a small index.
            models.Index(
                fields=["article", "-is_pick", "created_at", "id"],
                condition=Q(status="approved", is_hidden=False, parent__isnull=True),
                name="comment_shown_oldest",
            ),
            models.Index(
                fields=["article", "-is_pick", "-created_at", "-id"],
                condition=Q(status="approved", is_hidden=False, parent__isnull=True),
                name="comment_shown_newest",
            ),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.fingerprint = text_fingerprint(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The comment in context: its page of the story's discussion (works for any status; staff may look)."""
        return reverse("comments:goto", kwargs={"pk": self.pk})

    @property
    def anchor(self):
        return f"comment-{self.pk}"

    @property
    def is_visible(self):
        return self.status == self.Status.APPROVED and not self.is_hidden

    @property
    def accepts_replies(self):
        """replyable_on() for a comment already shown in its thread (a shown reply's parent is shown too)."""
        return self.is_visible

    @property
    def commenter_filter(self):
        """The admin changelist filter value that lists everything by this commenter."""
        if self.user_id:
            return f"user:{self.user_id}"
        if self.author_email:
            return f"email:{self.author_email.lower()}"
        return f"ip:{self.ip_hash}"


class CommentReport(models.Model):
    """One reader's report that a comment is abusive; one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment"))
    reporter = models.CharField(
        _("reader"), max_length=80, help_text=_("The reporting reader's account or cookie, never shown.")
    )
    ip_hash = models.CharField(_("client hash"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    is_resolved = models.BooleanField(_("resolved"), default=False, help_text=_("A moderator has seen the comment."))

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader_and_comment"),
        ]

    def __str__(self):
        return f"{self.reporter} → {self.comment_id}"


class WordRule(models.Model):
    """A word or phrase that sends comments to spam (banned) or to the moderation queue (suspect)."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: the comment is filed as spam")
        SUSPECT = "suspect", _("Suspect: the comment waits for a moderator")

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_("Matched as a whole word, ignoring case: “casino” does not match “occasional”."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SUSPECT)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("word rule")
        verbose_name_plural = _("word rules")
        ordering = ["kind", "word"]

    def __str__(self):
        return f"{self.word} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.split()).casefold()
        super().save(*args, **kwargs)

    def matches(self, text):
        return re.search(rf"(?<!\w){re.escape(self.word)}(?!\w)", text, re.IGNORECASE) is not None


def normalize_text(text):
    """Case and whitespace do not make a comment new."""
    return " ".join(text.casefold().split())


def text_fingerprint(text):
    return hashlib.sha256(normalize_text(text).encode()).hexdigest()
