"""A story told as it happens: the live blog and its timestamped entries."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_prose_editor.fields import ProseEditorField

from ..sanitizer import BODY_EDITOR_EXTENSIONS, sanitize_body


class LiveEntryQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def pinned(self):
        return self.filter(is_pinned=True)

    def stream(self):
        """The entries under the pinned ones: every entry that is not pinned, newest first."""
        return self.filter(is_pinned=False).newest_first()

    def key_events(self):
        return self.filter(is_key_event=True).newest_first()

    def with_cards(self):
        """What an entry on the page shows: its photo and its author, in the entries' own query."""
        return self.select_related("photo", "author")


class LiveBlog(models.Model):
    """Makes a story a live blog: entries appear on its page as they are written, live until closed."""

    class Status(models.TextChoices):
        LIVE = "live", pgettext_lazy("live blog", "Live")
        ARCHIVED = "archived", _("Archived")

    # The story's own id: an entry's blog_id names the story page it changes, with no query.
    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_blog",
        verbose_name=_("story"),
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.LIVE,
        help_text=_("Readers' pages look for new entries while the blog is live; closing it archives it."),
    )
    opened_at = models.DateTimeField(_("coverage started"), default=timezone.now)
    closed_at = models.DateTimeField(_("coverage ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("live blog")
        verbose_name_plural = _("live blogs")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="live", closed_at__isnull=True) | Q(status="archived", closed_at__isnull=False),
                name="live_blog_closed_when_archived",
            ),
        ]

    def __str__(self):
        return str(self.article)

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    @property
    def is_live(self):
        return self.status == self.Status.LIVE


class LiveEntry(models.Model):
    """One timestamped post of a live blog. Write through articles.live.services, which tells the pages."""

    blog = models.ForeignKey(LiveBlog, on_delete=models.CASCADE, related_name="entries", verbose_name=_("live blog"))
    title = models.CharField(
        _("headline"),
        max_length=200,
        blank=True,
        help_text=_("Optional; a key event is listed under it in “Key events”."),
    )
    body = ProseEditorField(_("text"), config={"extensions": BODY_EDITOR_EXTENSIONS}, sanitize=True)
    photo = models.ForeignKey(
        "articles.Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    author = models.ForeignKey(
        "articles.Author",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_entries",
        verbose_name=_("author"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    is_key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("Listed in “Key events” at the top of the blog.")
    )
    is_pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Shown above the newest entries."))
    published_at = models.DateTimeField(_("time"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), auto_now=True)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live blog entry")
        verbose_name_plural = _("live blog entries")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The page's stream and the readers' polls read a blog's entries newest first.
            models.Index(fields=["blog", "is_pinned", "-published_at", "-id"], name="live_entry_stream"),
            models.Index(fields=["blog", "-id"], name="live_entry_newest"),
        ]

    def __str__(self):
        return self.title or self.plain_text()[:60]

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The permalink: a short address that opens the story's page where the entry is."""
        from django.utils import translation

        with translation.override(self.blog.article.edition):
            return reverse("articles:live_entry", kwargs={"pk": self.blog_id, "entry": self.pk})

    def clean(self):
        # An editor's empty paragraph is no text: checked on what readers would get.
        self.body = sanitize_body(self.body)
        if not self.body:
            raise ValidationError({"body": _("Write the entry's text.")})

    def plain_text(self):
        from django.utils.html import strip_tags

        return " ".join(strip_tags(self.body).split())

    @property
    def label(self):
        """What the key events list shows: the headline, else the start of the text."""
        if self.title:
            return self.title
        text = self.plain_text()
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    @property
    def anchor(self):
        return f"entry-{self.pk}"
