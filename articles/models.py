import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from taggit.managers import TaggableManager

from newsportal.editions import edition_choices, edition_codes

from .querysets import ArticleQuerySet, VoteQuerySet
from .sanitizer import BODY_EDITOR_EXTENSIONS, sanitize_body

PHOTO_EXTENSIONS = (".jpg", ".png", ".webp")

# Paths that live next to section slugs under an edition prefix.
RESERVED_SECTION_SLUGS = {
    "archive",
    "tags",
    "authors",
    "search",
    "feeds",
    "reader",
    "preview",
    "sitemap",
    "comments",
    "live",
}

# Widths of the resized copies a story image is served in (srcset).
RENDITION_WIDTHS = (320, 640, 960, 1280)


def edition_url(lang, viewname, **kwargs):
    """Reverse a URL under the prefix of the given edition, not the active language."""
    if lang == translation.get_language():
        # Most links are to the page's own edition: switching the language twice costs more than the reverse.
        return reverse(viewname, kwargs=kwargs)
    with translation.override(lang):
        return reverse(viewname, kwargs=kwargs)


class EditionSearchConfig(models.Model):
    """The text-search configuration each edition's stored search vectors are in.

    What the registry (newsportal/editions.py) said when the search-vector function was last written;
    articles.editions.edition_search_configs_sync compares the two after every migrate. Never edited by hand.
    """

    edition = models.CharField(max_length=16, primary_key=True)
    config = models.CharField(max_length=63)  # a PostgreSQL text-search configuration, e.g. "russian"

    class Meta:
        default_permissions = ()  # nobody edits it: it follows the registry

    def __str__(self):
        return f"{self.edition}: {self.config}"


class Section(models.Model):
    edition = models.CharField(_("edition"), max_length=5, choices=edition_choices)
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Part of the section's web address."))
    description = models.TextField(_("description"), blank=True, help_text=_("Shown under the section heading."))
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the navigation: smaller comes first.")
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["edition", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_section_slug_per_edition"),
        ]

    def __str__(self):
        return f"{self.name} ({self.edition})"

    def get_absolute_url(self):
        return edition_url(self.edition, "articles:section", section=self.slug)

    def clean(self):
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError({"slug": _("This address is used by the site itself; choose another slug.")})


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("job title"), max_length=120, blank=True, help_text=_("For example “Correspondent”."))
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "Photo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A portrait for the author's page, served in the same sizes as story photos."),
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


def photo_upload_to(photo, filename):
    """A name of our own for every upload (photos/<year>/<month>/<random>.<format's extension>): the
    uploader's file name (kept in Photo.original_filename) never reaches the storage."""
    if not photo.original_filename:  # saved without the admin form (seeding, scripts)
        photo.original_filename = PurePath(filename).name[-255:]
    extension = PurePath(filename).suffix.lower()
    if extension not in PHOTO_EXTENSIONS:
        extension = ".jpg"
    return timezone.now().strftime("photos/%Y/%m/") + uuid.uuid4().hex + extension


class DecodeReduced:
    """imagekit processor, first in line: a JPEG is decoded at the smallest DCT scale still at least
    `width` wide (Image.draft), so a rendition of a 24-megapixel picture does not decode all of it."""

    def __init__(self, width):
        self.width = width

    def process(self, image):
        if getattr(image, "format", None) == "JPEG" and image.width > self.width:
            height = max(1, image.height * self.width // image.width)
            image.draft(None, (self.width, height))
        return image


def rendition(width):
    return ImageSpecField(
        source="image", processors=[DecodeReduced(width), ResizeToFit(width, 10_000, upscale=False)], format="JPEG"
    )


class Photo(models.Model):
    """A picture from the agency's photo library, reusable across stories."""

    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP, at least 320 pixels wide, up to 10 MB."),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # Feeds announce the image's size in bytes; stored so they need not ask the storage per item.
    file_size = models.PositiveBigIntegerField(editable=False, default=0)
    # Storage names of the resized copies, worked out once on save: imagekit names a copy by pickling
    # and hashing its spec, which costs milliseconds per picture on every card of every page.
    rendition_names = models.JSONField(editable=False, default=list)
    alt_text = models.CharField(
        _("alternative text"), max_length=250, help_text=_("What the picture shows, for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True, help_text=_("Photographer and agency."))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    original_filename = models.CharField(
        _("original file name"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The name of the file as it was uploaded; the stored file has a name of its own."),
    )

    w320 = rendition(320)
    w640 = rendition(640)
    w960 = rendition(960)
    w1280 = rendition(1280)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        if self.image:
            try:
                self.file_size = self.image.size
            except OSError:
                self.file_size = 0
        super().save(*args, **kwargs)
        names = self.compute_rendition_names()
        if names != self.rendition_names:
            self.rendition_names = names
            Photo.objects.filter(pk=self.pk).update(rendition_names=names)

    def compute_rendition_names(self):
        """[name, width] of each resized copy no wider than the original (at least one)."""
        out = []
        for width in RENDITION_WIDTHS:
            if width <= self.width or not out:
                out.append([getattr(self, f"w{width}").name, min(width, self.width)])
        return out

    def renditions(self):
        """(url, width) of each resized copy, for srcset."""
        names = self.rendition_names or self.compute_rendition_names()
        return [(default_storage.url(name), width) for name, width in names]

    def height_for(self, width):
        return round(self.height * width / self.width) if self.width else 0


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for editing")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Urgency(models.TextChoices):
        FLASH = "flash", _("Flash")
        URGENT = "urgent", _("Urgent")
        ROUTINE = "routine", _("Routine")

    edition = models.CharField(_("edition"), max_length=5, choices=edition_choices, db_index=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section"))
    title = models.CharField(_("headline"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=250,
        allow_unicode=False,
        help_text=_("Part of the web address; filled from the headline."),
    )
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences under the headline."))
    body = ProseEditorField(_("body"), config={"extensions": BODY_EDITOR_EXTENSIONS}, sanitize=True, blank=True)
    authors = models.ManyToManyField(
        Author,
        blank=True,
        related_name="articles",
        verbose_name=_("authors"),
        help_text=_("Leave empty for wire copy."),
    )
    source_name = models.CharField(
        _("source"), max_length=120, blank=True, help_text=_("The agency or outlet the story cites, e.g. “TASS”.")
    )
    source_url = models.URLField(_("source link"), blank=True)
    image = models.ForeignKey(
        Photo, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles", verbose_name=_("image")
    )
    tags = TaggableManager(_("tags"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Published with a time in the future means scheduled."),
    )
    # When the status last changed: the admin index warns about stories stuck in one (DESK_STUCK_AFTER).
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("The story cannot be published or shown anywhere before this time."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_stories",
        limit_choices_to={"is_staff": True},
        verbose_name=_("assignee"),
        help_text=_("Who works on the story next."),
    )
    withdrawal_note = models.TextField(
        _("withdrawal note"),
        blank=True,
        max_length=600,
        help_text=_("Shown to readers in place of a withdrawn story: why it was withdrawn."),
    )
    slugline = models.CharField(
        _("slugline"),
        max_length=60,
        blank=True,
        help_text=_("The desk's short name for the story and its follow-ups, e.g. “BUDGET-VOTE”."),
    )
    dateline_place = models.CharField(
        _("dateline"),
        max_length=60,
        blank=True,
        help_text=_("Where the story was reported from, e.g. “Moscow”; shown before the first paragraph."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the story: it appears by itself when the time comes."),
    )
    updated_at = models.DateTimeField(
        _("updated"), null=True, blank=True, help_text=_("Shown to readers as “updated” when set; corrections set it.")
    )
    modified_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Comments (the comments app keeps comment_count exact in its services).
    comments_closed = models.BooleanField(
        _("comments closed"),
        default=False,
        help_text=_("Readers can no longer comment. Comments also close by themselves some days after publication."),
    )
    comments_moderation = models.CharField(
        _("comment moderation"),
        max_length=4,
        blank=True,
        choices=[("pre", _("Before publication")), ("post", _("After publication"))],
        help_text=_("Leave empty to follow the site's setting."),
    )
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    urgency = models.CharField(
        _("urgency"),
        max_length=8,
        choices=Urgency.choices,
        default=Urgency.ROUTINE,
        help_text=_(
            "For partners taking our copy: flash for the first line of breaking news, urgent for what follows."
        ),
    )
    # Breaking news (articles/breaking): a banner on every page of the edition until this moment.
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        help_text=_(
            "While this time is ahead, every page of the edition shows the story's headline in a banner. "
            "Empty: not breaking news."
        ),
    )
    # Developing stories (articles/breaking/developing.py): follow-ups link to what they follow, and every
    # story of one chain names its first story in `developing_thread`, so each link is read in one query.
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("developing story: follow-up of"),
        help_text=_(
            "An earlier story of the same edition this one develops. Its readers are sent here once this "
            "story is live, and this story links back to it."
        ),
    )
    developing_thread = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("developing story chain"),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Featured stories lead the home page, newest first.")
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("A pinned story leads the home page above featured ones.")
    )
    # Headline (A), lead (B) and body (C) in the edition's text-search configuration; on PostgreSQL
    # a trigger keeps it current on every insert and update, bulk ones included (migration *_search_vector_trigger).
    search_vector = SearchVectorField(null=True, editable=False)

    # Readers' ratings, kept in step with the votes by articles.ratings.services.rating_cast so that
    # pages show the average without counting votes.
    rating_count = models.PositiveIntegerField(_("votes"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(_("sum of scores"), default=0, editable=False)
    # The versions of one story in every edition share this key (articles.services.article_translations_link).
    translation_group = models.UUIDField(
        _("translation group"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Shared by the versions of one story in the editions, at most one per edition."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-id"]
        # The workflow's moves beyond editing (articles/desk/workflow.py says who may make which).
        permissions = [
            ("approve_article", _("Can approve stories")),
            ("publish_article", _("Can publish, schedule and unpublish stories")),
            ("withdraw_article", _("Can withdraw stories")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_article_slug_per_edition"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "ready", "approved"]) | Q(published_at__isnull=False),
                name="published_article_has_publication_time",
            ),
            # The embargo holds in the database itself: a published story is never due before it, so
            # every reader-facing query (published(), the API's pubstatus) keeps it hidden until then.
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(embargo_until__isnull=True)
                | Q(published_at__gte=models.F("embargo_until")),
                name="published_article_respects_embargo",
            ),
            # One version of a story per edition; also the index that finds a story's other versions.
            models.UniqueConstraint(fields=["translation_group", "edition"], name="one_version_per_edition_of_a_story"),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "-published_at"], name="article_edition_feed"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_feed"),
            # The home page's lead (lead_first): pinned, then featured, then newest, read from the top.
            models.Index(
                fields=["edition", "status", "-is_pinned", "-is_featured", "-published_at"], name="article_edition_lead"
            ),
            # The planning page and the overdue warnings: the few stories under embargo.
            models.Index(fields=["embargo_until"], condition=Q(embargo_until__isnull=False), name="article_embargo"),
            # The admin index's stuck and overdue counters: stories on their way to publication.
            models.Index(
                fields=["status", "status_changed_at"],
                condition=Q(status__in=["ready", "approved"]),
                name="article_in_workflow",
            ),
            # The desk's story list: the newest work first, whatever its publication time.
            models.Index(fields=["-modified_at", "-id"], name="article_desk_recent"),
            # The breaking stories of an edition, and when the next one expires: a handful of rows at most.
            models.Index(
                fields=["edition", "breaking_until"],
                condition=Q(breaking_until__isnull=False),
                name="article_breaking",
            ),
            # The sitemaps' last modification: the newest update, for the few stories that have one.
            models.Index(
                fields=["edition", "-updated_at"], condition=Q(updated_at__isnull=False), name="article_edition_updated"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return edition_url(self.edition, "articles:detail", section=self.section.slug, pk=self.pk, slug=self.slug)

    def clean(self):
        if self.section_id and self.section.edition != self.edition:
            raise ValidationError({"section": _("The section belongs to another edition.")})
        if self.status == self.Status.PUBLISHED and not self.published_at:
            # Published without a time: from now. Checked here, before the constraint that a
            # published story has a time; articles.services.article_save runs it for every writer.
            self.published_at = timezone.now()
        if self.status == self.Status.PUBLISHED and self.embargo_until and self.published_at < self.embargo_until:
            moment = formats.date_format(timezone.localtime(self.embargo_until), "DATETIME_FORMAT")
            raise ValidationError(
                {
                    "published_at": _(
                        "The story is under embargo until %(moment)s: it cannot be published before then. "
                        "Set the publication time to the embargo's end or later to schedule it."
                    )
                    % {"moment": moment}
                },
                code="embargo",
            )

    def other_versions(self):
        """This story in the other editions, in the registry's order: stand-ins with what a link needs
        (edition, address, whether it is live). Read with the story when it came from with_page."""
        if not self.translation_group:
            return []
        if hasattr(self, "other_versions_found"):
            versions = [self._version_from_json(found) for found in self.other_versions_found or []]
        else:
            others = Article.objects.filter(translation_group=self.translation_group).exclude(pk=self.pk)
            versions = list(others.select_related("section"))
        position = {code: place for place, code in enumerate(edition_codes())}
        return sorted(versions, key=lambda version: position.get(version.edition, len(position)))

    @staticmethod
    def _version_from_json(found):
        published_at = parse_datetime(found["published_at"]) if found["published_at"] else None
        if published_at and timezone.is_naive(published_at):
            published_at = timezone.make_aware(published_at, datetime.UTC)
        section = Section(edition=found["edition"], slug=found["section_slug"])
        return Article(
            pk=found["pk"],
            edition=found["edition"],
            slug=found["slug"],
            status=found["status"],
            published_at=published_at,
            section=section,
        )

    @property
    def is_live(self):
        """Visible to readers: published and due."""
        return self.status == self.Status.PUBLISHED and self.published_at and self.published_at <= timezone.now()

    @property
    def developing_newer(self):
        """The newest live follow-up of this story (with_page reads it), or None."""
        return self._linked_from_json(getattr(self, "developing_newer_found", None))

    @property
    def developing_earlier(self):
        """The live story this one develops (with_page reads it), or None."""
        return self._linked_from_json(getattr(self, "developing_earlier_found", None))

    @staticmethod
    def _linked_from_json(found):
        """A stand-in for a linked story: what its address and headline need."""
        if not found:
            return None
        section = Section(edition=found["edition"], slug=found["section_slug"])
        return Article(
            pk=found["pk"], title=found["title"], slug=found["slug"], edition=found["edition"], section=section
        )

    @property
    def shows_update(self):
        return bool(self.updated_at and self.published_at and self.updated_at > self.published_at)

    @property
    def rating_average(self):
        """Readers' average score, 1 to 5, or None before the first vote."""
        return self.rating_sum / self.rating_count if self.rating_count else None


class RelatedLink(models.Model):
    """An editor-curated link under a story: another story of ours or an external page."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("our story"),
    )
    url = models.URLField(_("external address"), blank=True)
    title = models.CharField(_("title"), max_length=250, blank=True, help_text=_("Required for external links."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("related link")
        verbose_name_plural = _("related links")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url="")) | (Q(target__isnull=True) & ~Q(url="")),
                name="related_link_is_story_or_url",
            ),
        ]

    def __str__(self):
        return self.display_title

    def clean(self):
        if bool(self.target_id) == bool(self.url):
            raise ValidationError(_("Choose one of our stories or give an external address, not both."))
        if self.url and not self.title:
            raise ValidationError({"title": _("An external link needs a title.")})
        if self.target_id and self.target_id == self.article_id:
            raise ValidationError({"target": _("A story cannot link to itself.")})

    @property
    def display_title(self):
        return self.title or (self.target.title if self.target_id else self.url)

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else self.url

    @property
    def is_external(self):
        return not self.target_id


class Correction(models.Model):
    """A correction or update note under a story. Write through articles.services.correction_add
    (or correction_save), which shows the story to readers as updated at the note's time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=[("correction", _("Correction")), ("update", _("Update"))],
        default="correction",
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ArticleDailyViews(models.Model):
    """How many times readers opened a story on one day (site time zone), moved here from the cache counters."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    date = models.DateField(_("date"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        ordering = ["-date", "-views"]
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="unique_daily_views_per_article"),
        ]
        indexes = [models.Index(fields=["date", "article"], name="daily_views_by_date")]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"


class Vote(models.Model):
    """One reader's rating of one story; voting again changes the row, never adds one.

    A signed-in reader is known by account, anyone else by the id in a signed cookie.
    Write through articles.ratings.services.rating_cast, which keeps the story's totals in step.
    """

    SCORES = range(1, 6)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="votes", verbose_name=_("story"))
    # Deleting an account keeps its votes (now anonymous) so the story's totals stay right.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="story_votes",
        verbose_name=_("reader"),
    )
    anonymous_id = models.CharField(_("anonymous reader"), max_length=64, blank=True, default="")
    score = models.PositiveSmallIntegerField(_("score"))
    ip_hash = models.CharField(_("address hash"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("cast"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="vote_score_1_to_5"),
            models.UniqueConstraint(
                fields=["article", "user"], condition=Q(user__isnull=False), name="one_vote_per_reader_per_story"
            ),
            models.UniqueConstraint(
                fields=["article", "anonymous_id"],
                condition=~Q(anonymous_id=""),
                name="one_vote_per_anonymous_reader_per_story",
            ),
        ]

    def __str__(self):
        return f"{self.score}/5 — {self.article}"


class Ranking(models.Model):
    """One place in a ranked list of an edition's home page, as of the last refresh.

    Written only by articles.discovery.rankings (a job every minute), so pages read a few small rows instead of
    counting views, votes or comments over the whole archive.
    """

    class Kind(models.TextChoices):
        MOST_READ_TODAY = "read_today", _("Most read today")
        MOST_READ_WEEK = "read_week", _("Most read this week")
        TOP_RATED = "top_rated", _("Top rated this week")
        MOST_DISCUSSED = "discussed", _("Most discussed this week")

    edition = models.CharField(_("edition"), max_length=5, choices=edition_choices)
    kind = models.CharField(_("list"), max_length=12, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("story"))
    # Views, or comments, behind the place (top rated shows the story's own live totals instead).
    value = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["edition", "kind", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind", "position"], name="unique_ranking_place"),
        ]

    def __str__(self):
        return f"{self.edition} {self.kind} #{self.position}: {self.article_id}"


# Models of the partner API, the desk, search, live blogs and the wire live in their own modules; imported
# here so that they belong to this app (its migrations and admin).
from .api.models import ApiKey, DeletedStory  # noqa: E402, F401
from .desk.models import AuditEntry, StoryNote  # noqa: E402, F401
from .desk.version_models import StoryVersionNote  # noqa: E402, F401
from .discovery.models import SearchEntry  # noqa: E402, F401
from .live.models import LiveBlog, LiveEntry  # noqa: E402, F401
from .wire.models import WireItem, WireMapping, WireRun, WireSource  # noqa: E402, F401
