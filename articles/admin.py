import json
from datetime import datetime, time, timedelta

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media
from taggit.admin import TagAdmin
from taggit.models import Tag, TaggedItem

from newsportal import pagecache
from newsportal.editions import edition_codes

from .breaking.admin import BreakingAdminMixin
from .desk import planning, waiting
from .desk.forms import TRANSLATION_OF, ArticleAdminForm, PhotoAdminForm
from .desk.photo_picker import PhotoAutocompleteAdminMixin, PhotoPickerAdminMixin
from .desk.versions import story_baselines_record, story_versions_record
from .desk.versions_admin import VersionsAdminMixin
from .desk.workflow import UNPUBLISHED
from .desk.workflow_admin import DatelineFilter, DeskFilter, SluglineFilter, StoryNoteInline, WorkflowAdminMixin
from .models import Article, Author, Correction, Photo, RelatedLink, Section
from .ratings.admin import ArticleRatingAdminMixin
from .services import correction_save

THUMBNAIL_WIDTH = 96

# The admin is the newsroom's desk, in the editor's language.
admin.site.site_header = _("Newsportal desk")
admin.site.site_title = _("Newsportal desk")
admin.site.index_title = _("Desk dashboard")

# Editors paste addresses without a scheme; our sources are on HTTPS.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

Status = Article.Status
DRAFT, PUBLISHED = Status.DRAFT, Status.PUBLISHED


def story_state(article):
    """Where the story is in the workflow, with "published" told apart as scheduled or live."""
    if article.status != PUBLISHED:
        return article.status
    return "live" if article.is_live else "scheduled"


STATE_LABELS = {
    "draft": _("Draft"),
    "ready": _("Ready for editing"),
    "approved": _("Approved"),
    "scheduled": _("Scheduled"),
    "live": _("Live"),
    "withdrawn": _("Withdrawn"),
}
# What readers see, per state; the story form's script picks among them as the status and time change.
STATE_NOTES = {
    "draft": _("Nothing: this is a draft."),
    "ready": _("Nothing: the story is not published yet (ready for editing)."),
    "approved": _("Nothing: the story is not published yet (approved)."),
    "withdrawn": _("A notice that the story was withdrawn, with the withdrawal note (410 Gone)."),
    "scheduled": _("Scheduled: the story appears by itself at %(moment)s."),
    "live": _("The story is live."),
    "now": _("The story goes live when you save it."),
}

# The submit button that saves and publishes in one go (templates/admin/articles/article/submit_line.html).
PUBLISH = "_publish"
# The autocomplete requests' parameter naming the edition the story form has chosen (js/admin-story-form.js).
EDITION = "edition"


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*STATE_LABELS.items(), ("embargoed", _("Under embargo"))]

    def queryset(self, request, queryset):
        match self.value():
            case "draft" | "ready" | "approved" | "withdrawn" as status:
                return queryset.filter(status=status)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "embargoed":
                return queryset.filter(embargo_until__gt=timezone.now()).exclude(status=Status.WITHDRAWN)
        return queryset


class PublicationDateFilter(admin.SimpleListFilter):
    """Days as the desk counts them: in the site's time zone, weeks from Monday."""

    title = _("publication date")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Today")),
            ("yesterday", _("Yesterday")),
            ("week", _("This week")),
            ("month", _("This month")),
            ("upcoming", _("Later than now")),
            ("none", _("No date")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "upcoming":
            return queryset.filter(published_at__gt=timezone.now())
        if value == "none":
            return queryset.filter(published_at__isnull=True)
        today = timezone.localdate()
        month_start = today.replace(day=1)
        ranges = {
            "today": (today, today + timedelta(days=1)),
            "yesterday": (today - timedelta(days=1), today),
            "week": (today - timedelta(days=today.weekday()), today + timedelta(days=7 - today.weekday())),
            "month": (month_start, (month_start + timedelta(days=32)).replace(day=1)),
        }
        if value in ranges:
            start, end = ranges[value]
            return queryset.filter(published_at__gte=day_start(start), published_at__lt=day_start(end))
        return queryset


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    fields = ["position", "target", "url", "title"]
    autocomplete_fields = ["target"]
    formfield_overrides = URL_FIELDS
    extra = 0
    verbose_name_plural = _("related links (smaller position comes first)")

    def get_extra(self, request, obj=None, **kwargs):
        # A new story gets one empty row to fill (left empty, it is ignored).
        return 1 if obj is None else 0


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ["kind", "text", "created_at"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(
    PhotoPickerAdminMixin,
    VersionsAdminMixin,
    WorkflowAdminMixin,
    BreakingAdminMixin,
    ArticleRatingAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "state", "edition", "section", "status", "published_at", "is_featured", "is_pinned"]
    list_display += ["urgency", "slugline", "dateline_place", "rating_average_display", "rating_votes"]
    list_filter = ["edition", StateFilter, "section", PublicationDateFilter, "is_featured", "is_pinned"]
    list_filter += ["urgency", SluglineFilter, DatelineFilter, DeskFilter]
    list_select_related = ["section"]
    # The newest work first: ordered by publication time, scheduled stories would sit above it
    # (the state filter lists them).
    ordering = ["-modified_at", "-id"]
    search_fields = ["title", "lead", "slugline"]
    search_help_text = _("Searches headlines, leads and sluglines.")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    # Sections are a short list per edition, picked from a plain list the form narrows (SectionSelect).
    autocomplete_fields = ["authors", "image"]
    readonly_fields = ["state_note", "rating_distribution", "breaking_note"]
    fieldsets = [
        (None, {"fields": ["edition", "section", "title", "slug", "lead", "body"]}),
        (
            _("Photo"),
            {
                "fields": ["image", "photo_file", "photo_alt_text", "photo_caption", "photo_credit"],
                "description": _("Pick a photo from the library, or upload a new one here."),
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "embargo_until", "state_note", ("is_featured", "is_pinned")]},
        ),
        (_("Desk"), {"fields": ["assignee", "slugline", "dateline_place", "withdrawal_note"]}),
        (_("Credits"), {"fields": ["authors", "source_name", "source_url"]}),
        (_("Breaking news and developing story"), {"fields": ["breaking_note", "breaking_for", "follows"]}),
        (_("Other editions"), {"fields": ["translation_of"]}),
        (_("Partners"), {"fields": ["urgency"]}),
        (_("Tags"), {"fields": ["existing_tags", "new_tags"]}),
        (_("Readers' ratings"), {"fields": ["rating_distribution"], "classes": ["collapse"]}),
        (_("Comments"), {"fields": ["comments_closed", "comments_moderation"]}),
    ]
    inlines = [RelatedLinkInline, CorrectionInline, StoryNoteInline]
    actions = ["send_for_editing", "approve", "publish_now", "unpublish", "restore"]
    actions += ["feature", "unfeature", "pin", "unpin", "close_comments", "reopen_comments"]
    actions += ["breaking_flag", "breaking_clear"]
    formfield_overrides = URL_FIELDS

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        # After the admin's jQuery (its autocomplete requests are narrowed to the chosen edition).
        js = ["admin/js/jquery.init.js", "js/admin-story-form.js"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Most editors write in the language they work in.
        language = translation.get_language()
        if language in edition_codes():
            initial.setdefault("edition", language)
        return initial

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        edition = request.GET.get(EDITION)
        if request.GET.get(TRANSLATION_OF):
            # Picking a translation: only other editions' stories make sense.
            queryset = queryset.exclude(edition=request.GET[TRANSLATION_OF])
        elif edition in edition_codes():
            # A related story: the edition's own (readers of one edition do not read the other).
            queryset = queryset.filter(edition=edition)
        return self.follow_up_search(request, queryset), may_have_duplicates

    def save_model(self, request, obj, form, change):
        form.attach_new_photo(obj)
        super().save_model(request, obj, form, change)
        self.developing_saved(obj, form)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            super().save_formset(request, form, formset, change)
            return
        for correction in formset.save(commit=False):
            correction_save(correction=correction)
        for correction in formset.deleted_objects:
            correction.delete()

    def view_on_site(self, article):
        # Straight to the story's address; for drafts and scheduled stories StoryView shows staff a preview.
        return article.get_absolute_url()

    @admin.display(description=_("state"))
    def state(self, article):
        return STATE_LABELS[story_state(article)]

    @admin.display(description=_("readers see"))
    def state_note(self, article):
        state = story_state(article)
        if state == "draft":
            text = STATE_NOTES["draft"]
        elif state in ("ready", "approved", "withdrawn"):
            text = STATE_NOTES[state]
        elif state == "scheduled":
            moment = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
            text = STATE_NOTES["scheduled"] % {"moment": moment}
        else:
            text = STATE_NOTES["live"]
        # The form's script rewrites the note as the status and time fields change; the texts come
        # from here, in the editor's language. The offset turns the typed local time into a moment.
        offset = timezone.localtime().utcoffset().total_seconds() // 60
        return format_html(
            '<span class="story-state-note" aria-live="polite" data-draft="{}" data-ready="{}" data-approved="{}" '
            'data-withdrawn="{}" data-scheduled="{}" data-live="{}" data-now="{}" data-offset="{}">{}</span>',
            STATE_NOTES["draft"],
            STATE_NOTES["ready"],
            STATE_NOTES["approved"],
            STATE_NOTES["withdrawn"],
            STATE_NOTES["scheduled"],
            STATE_NOTES["live"],
            STATE_NOTES["now"],
            int(offset),
            text,
        )

    # The body editor's import map is an inline <script>; the strict CSP lets
    # exactly that one run by nonce, on this form only.
    @method_decorator(csp_update({"script-src": [NONCE]}))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and PUBLISH in request.POST:
            # "Save and publish": the same form, with the status set (a time left empty means now).
            request.POST = request.POST.copy()
            request.POST["status"] = PUBLISHED
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=getattr(request, "csp_nonce", ""))
        return super().render_change_form(request, context, *args, **kwargs)

    def _apply(self, request, queryset, fields, **values):
        """Update the chosen stories in one query and note it in each story's history."""
        pks = list(queryset.values_list("pk", flat=True))
        if pks:
            story_baselines_record(pks=pks)
            Article.objects.filter(pk__in=pks).update(modified_at=timezone.now(), **values)
            pagecache.site_changed()  # update() sends no signals
            labels = [str(capfirst(Article._meta.get_field(name).verbose_name)) for name in fields]
            change_message = [{"changed": {"fields": labels}}]
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=Article.objects.filter(pk__in=pks),
                action_flag=CHANGE,
                change_message=change_message,
            )
            story_versions_record(user=request.user, pks=pks, comment=json.dumps(change_message))
        return len(pks)

    def _report(self, request, changed, unchanged, done, untouched):
        level = messages.SUCCESS if changed else messages.WARNING
        text = done % {"count": changed}
        if unchanged:
            text = f"{text} {untouched % {'count': unchanged}}"
        self.message_user(request, text, level)

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        not_live = queryset.filter(Q(status__in=UNPUBLISHED) | Q(status=PUBLISHED, published_at__gt=timezone.now()))
        already_live = queryset.published().count()
        changed = self._move_all(
            request, not_live, PUBLISHED, fields=("status", "published_at"), published_at=timezone.now()
        )
        self._report(
            request,
            changed,
            already_live,
            ngettext("%(count)d story published.", "%(count)d stories published.", changed),
            ngettext("%(count)d was live already.", "%(count)d were live already.", already_live),
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        total = queryset.count()
        changed = self._move_all(request, queryset.filter(status=PUBLISHED), DRAFT)
        self._report(
            request,
            changed,
            total - changed,
            ngettext(
                "%(count)d story moved back to drafts; readers no longer see it.",
                "%(count)d stories moved back to drafts; readers no longer see them.",
                changed,
            ),
            ngettext("%(count)d was a draft already.", "%(count)d were drafts already.", total - changed),
        )

    def _flag(self, request, queryset, field, value, done, untouched):
        total = queryset.count()
        changed = self._apply(request, queryset.exclude(**{field: value}), [field], **{field: value})
        self._report(request, changed, total - changed, done(changed), untouched(total - changed))

    @admin.action(description=_("Feature"), permissions=["change"])
    def feature(self, request, queryset):
        self._flag(
            request,
            queryset,
            "is_featured",
            True,
            lambda n: ngettext("%(count)d story featured.", "%(count)d stories featured.", n),
            lambda n: ngettext("%(count)d was featured already.", "%(count)d were featured already.", n),
        )

    @admin.action(description=_("Stop featuring"), permissions=["change"])
    def unfeature(self, request, queryset):
        self._flag(
            request,
            queryset,
            "is_featured",
            False,
            lambda n: ngettext("%(count)d story no longer featured.", "%(count)d stories no longer featured.", n),
            lambda n: ngettext("%(count)d was not featured.", "%(count)d were not featured.", n),
        )

    @admin.action(description=_("Pin to the top of the home page"), permissions=["change"])
    def pin(self, request, queryset):
        self._flag(
            request,
            queryset,
            "is_pinned",
            True,
            lambda n: ngettext("%(count)d story pinned.", "%(count)d stories pinned.", n),
            lambda n: ngettext("%(count)d was pinned already.", "%(count)d were pinned already.", n),
        )

    @admin.action(description=_("Unpin"), permissions=["change"])
    def unpin(self, request, queryset):
        self._flag(
            request,
            queryset,
            "is_pinned",
            False,
            lambda n: ngettext("%(count)d story unpinned.", "%(count)d stories unpinned.", n),
            lambda n: ngettext("%(count)d was not pinned.", "%(count)d were not pinned.", n),
        )

    @admin.action(description=_("Close comments"), permissions=["change"])
    def close_comments(self, request, queryset):
        self._flag(
            request,
            queryset,
            "comments_closed",
            True,
            lambda n: ngettext("Comments closed on %(count)d story.", "Comments closed on %(count)d stories.", n),
            lambda n: ngettext("%(count)d had them closed already.", "%(count)d had them closed already.", n),
        )

    @admin.action(description=_("Reopen comments"), permissions=["change"])
    def reopen_comments(self, request, queryset):
        # Reopening lifts the editors' closing only: comments still close by themselves with age.
        self._flag(
            request,
            queryset,
            "comments_closed",
            False,
            lambda n: ngettext("Comments reopened on %(count)d story.", "Comments reopened on %(count)d stories.", n),
            lambda n: ngettext("%(count)d had them open already.", "%(count)d had them open already.", n),
        )


@admin.register(Photo)
class PhotoAdmin(PhotoAutocompleteAdminMixin, admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "__str__", "credit", "dimensions", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    fields = ["image", "thumbnail", "dimensions", "alt_text", "caption", "credit"]
    readonly_fields = ["thumbnail", "dimensions"]

    @admin.display(description=_("picture"))
    def thumbnail(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
            photo.w320.url,
            photo.alt_text,
            THUMBNAIL_WIDTH,
            photo.height_for(THUMBNAIL_WIDTH),
        )

    @admin.display(description=_("size in pixels"))
    def dimensions(self, photo):
        return f"{photo.width}×{photo.height}" if photo.width else "—"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "slug", "position"]
    list_editable = ["position"]
    list_filter = ["edition"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get(EDITION) in edition_codes():
            queryset = queryset.filter(edition=request.GET[EDITION])
        return queryset, may_have_duplicates


admin.site.unregister(Tag)


@admin.register(Tag)
class EditionTagAdmin(TagAdmin):
    """taggit's tag admin; the story form's tag picker offers the chosen edition's tags (and unused ones)."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get(EDITION) in edition_codes():
            on_stories = TaggedItem.objects.filter(
                tag=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Article)
            )
            in_edition = on_stories.filter(
                object_id__in=Article.objects.filter(edition=request.GET[EDITION]).values("pk")
            )
            # The edition's own tags, and the ones no story carries yet; not the other editions'.
            queryset = queryset.filter(Exists(in_edition) | ~Exists(on_stories))
        return queryset, may_have_duplicates


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "slug"]
    search_fields = ["name", "title"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "title", "bio", "photo"]
    autocomplete_fields = ["photo"]


def _stories_url(state):
    return f"{reverse('admin:articles_article_changelist')}?state={state}"


waiting.register(
    key="articles.drafts",
    label=_("Story drafts"),
    permission="articles.change_article",
    count=lambda: Article.objects.filter(status=DRAFT).count(),
    url=lambda: _stories_url("draft"),
)
waiting.register(
    key="articles.planning",
    label=_("Going out next (planning)"),
    permission="articles.view_article",
    count=lambda: planning.upcoming().count(),
    url=lambda: reverse("admin:articles_article_planning"),
)
waiting.register(
    key="articles.ready",
    label=_("Stories ready for editing"),
    permission="articles.approve_article",
    count=lambda: Article.objects.filter(status=Status.READY).count(),
    url=lambda: _stories_url("ready"),
)
waiting.register(
    key="articles.scheduled",
    label=_("Scheduled stories"),
    permission="articles.change_article",
    count=lambda: Article.objects.scheduled().count(),
    url=lambda: _stories_url("scheduled"),
)

# The partner API's keys and the wire sources have their admin next to their code.
from .api import admin as api_admin  # noqa: E402, F401
from .live import admin as live_admin  # noqa: E402, F401
from .wire import admin as wire_admin  # noqa: E402, F401
