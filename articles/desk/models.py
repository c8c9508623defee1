"""The desk's own records: internal notes on stories and the audit log.

Imported by articles.models, so they belong to the articles app (its migrations and admin). Readers never
see either: no public page, feed or API reads them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoryNote(models.Model):
    """A note the desk leaves on a story for itself: instructions, sources to check, what was agreed."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes (readers never see them)")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class AuditEntry(models.Model):
    """Who did what to which object, and when: written by articles.desk.audit.audit_record only."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Sent for editing")
        RETURN = "return", _("Returned to draft")
        APPROVE = "approve", _("Approved")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        WITHDRAW = "withdraw", _("Withdrawn")
        RESTORE = "restore", _("Restored")
        EMBARGO = "embargo", _("Embargo changed")
        COMMENT_APPROVE = "comment_approve", _("Comment approved")
        COMMENT_REJECT = "comment_reject", _("Comment rejected")
        COMMENT_SPAM = "comment_spam", _("Comment marked as spam")
        COMMENT_PICK = "comment_pick", _("Comment made a pick")
        COMMENT_UNPICK = "comment_unpick", _("Comment no longer a pick")
        COMMENT_EDIT = "comment_edit", _("Comment edited")
        COMMENT_DELETE = "comment_delete", _("Comment deleted")
        TYPO_FIXED = "typo_fixed", _("Typo report fixed")
        TYPO_REJECTED = "typo_rejected", _("Typo report rejected")
        TYPO_REOPENED = "typo_reopened", _("Typo report reopened")
        LIVE_OPEN = "live_open", _("Live blog opened")
        LIVE_CLOSE = "live_close", _("Live blog closed")
        LIVE_ENTRY_ADD = "live_entry_add", _("Live entry added")
        LIVE_ENTRY_EDIT = "live_entry_edit", _("Live entry edited")
        LIVE_ENTRY_PIN = "live_entry_pin", _("Live entry pinned or unpinned")
        LIVE_ENTRY_DELETE = "live_entry_del", _("Live entry deleted")

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as written at the time: the entry still names a person whose account was deleted.
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of object"))
    object_id = models.CharField(_("object id"), max_length=40)
    object_repr = models.CharField(_("object"), max_length=200)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        # Read-only for everyone (the admin allows no add, change or delete): only view is granted.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["action", "-created_at"], name="audit_by_action"),
            models.Index(fields=["actor", "-created_at"], name="audit_by_actor"),
            models.Index(fields=["content_type", "object_id"], name="audit_by_object"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"
