"""Wire sources, the items they sent (by guid and version) and a log of each run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsportal.editions import edition_choices


class WireSource(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", _("RSS or Atom feed (URL)")
        NINJS_URL = "ninjs_url", _("ninjs JSON endpoint (URL)")
        DIRECTORY = "directory", _("Directory of NewsML-G2 or ninjs files")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    url = models.URLField(_("address"), blank=True, help_text=_("For feeds and ninjs endpoints."))
    directory = models.CharField(
        _("directory"), max_length=500, blank=True, help_text=_("For files: a folder on the server, read each run.")
    )
    edition = models.CharField(_("edition"), max_length=5, choices=edition_choices)
    section = models.ForeignKey(
        "articles.Section",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("section"),
        help_text=_("Where items go when no mapping rule matches."),
    )
    credit = models.CharField(_("credit"), max_length=120, help_text=_("Filled in as the story's source, e.g. “TASS”."))
    image_hosts = models.TextField(
        _("image hosts"),
        blank=True,
        help_text=_("Host names pictures may be fetched from, one per line; pictures from elsewhere are left out."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def allowed_image_hosts(self):
        return {line.strip().lower() for line in self.image_hosts.splitlines() if line.strip()}


class WireMapping(models.Model):
    """Sends items whose category or subject matches to a section of the source's edition."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="mappings")
    subject = models.CharField(_("category or subject"), max_length=200, help_text=_("Matched without regard to case."))
    section = models.ForeignKey(
        "articles.Section", on_delete=models.CASCADE, related_name="+", verbose_name=_("section")
    )

    class Meta:
        verbose_name = _("mapping rule")
        verbose_name_plural = _("mapping rules")
        ordering = ["source", "subject"]
        constraints = [models.UniqueConstraint(fields=["source", "subject"], name="unique_wire_mapping_subject")]

    def __str__(self):
        return f"{self.subject} → {self.section}"


class WireItem(models.Model):
    """One item of a source, known by its guid; each new version received is recorded in `versions`."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    version = models.CharField(_("version"), max_length=40, blank=True)
    content_hash = models.CharField(max_length=64)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("story")
    )
    versions = models.JSONField(_("versions received"), default=list)
    killed_at = models.DateTimeField(_("killed"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="unique_wire_item_guid")]

    def __str__(self):
        return self.guid


class WireRun(models.Model):
    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="runs", verbose_name=_("source"))
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    new = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    killed = models.PositiveIntegerField(_("killed"), default=0)
    errors = models.JSONField(_("errors"), default=list, help_text=_("One line per item that failed, with the reason."))

    class Meta:
        verbose_name = _("wire run")
        verbose_name_plural = _("wire runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"
