"""Typo reports: a reader selects a misspelling on a story page and sends it to the desk."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Characters of the story text kept on each side of the selection, so an
# editor sees the typo in its sentence.
TYPO_CONTEXT_CHARS = 60

# Hard ceiling in the database; settings.TYPO_MAX_SELECTION is the limit
# readers meet and must stay below it.
TYPO_SELECTION_DB_MAX = 1000


class TypoReportQuerySet(models.QuerySet):
    def open(self):
        """Waiting for an editor."""
        return self.filter(status=TypoReport.Status.NEW)

    def for_story(self, article):
        return self.filter(article=article)


class TypoReport(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        FIXED = "fixed", _("Fixed")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="typo_reports",
        verbose_name=_("story"),
    )
    selection = models.CharField(
        _("selected text"),
        max_length=TYPO_SELECTION_DB_MAX,
        help_text=_("The text the reader selected as wrong."),
    )
    context_before = models.CharField(_("text before"), max_length=TYPO_CONTEXT_CHARS, blank=True)
    context_after = models.CharField(_("text after"), max_length=TYPO_CONTEXT_CHARS, blank=True)
    comment = models.TextField(
        _("readers' comments"),
        blank=True,
        help_text=_("What readers wrote with the report; comments of merged reports are joined."),
    )
    url = models.URLField(_("page address"), max_length=500, help_text=_("The story page the report was sent from."))
    ip_hash = models.CharField(
        _("client hash"),
        max_length=64,
        blank=True,
        help_text=_("Keyed hash of the first reporter's address: lets us spot floods without storing addresses."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    report_count = models.PositiveIntegerField(
        _("reports"), default=1, help_text=_("How many readers reported this text while the report was open.")
    )
    text_missing = models.BooleanField(
        _("text not in story"),
        default=False,
        help_text=_("The selected text was not found in the story when reported (perhaps already fixed)."),
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    last_reported_at = models.DateTimeField(_("last reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = TypoReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("typo report")
        verbose_name_plural = _("typo reports")
        ordering = ["-last_reported_at", "-id"]
        constraints = [
            # One open report per text and story: repeats raise its counter.
            models.UniqueConstraint(
                fields=["article", "selection"],
                condition=Q(status="new"),
                name="one_open_typo_report_per_text",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-last_reported_at"], name="typo_report_queue"),
        ]

    def __str__(self):
        return f"“{self.selection[:60]}” — {self.article}"
