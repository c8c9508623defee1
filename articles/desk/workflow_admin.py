"""The workflow in the story admin: statuses and who may choose them, notes, agency metadata filters, the
planning page and the audit log (read-only)."""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsportal.readonly_admin import RecordsAdmin

from ..models import Article
from . import planning, workflow
from .models import AuditEntry, StoryNote
from .versions import story_baselines_record

Status = Article.Status

# How many of the newest stories offer their sluglines and datelines as filter choices: the desk filters by
# what it works on now, and the lookup stays one short read of the primary key's index.
RECENT_FOR_FILTERS = 500


class StoryNoteInline(admin.TabularInline):
    """Notes are added, never rewritten: each keeps its author and time."""

    model = StoryNote
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class RecentValuesFilter(admin.SimpleListFilter):
    """The values of one field among the newest stories; any value given in the address filters exactly."""

    field = ""

    def lookups(self, request, model_admin):
        newest = Article.objects.order_by("-id").values_list(self.field, flat=True)[:RECENT_FOR_FILTERS]
        values = sorted({value for value in newest if value})
        return [(value, value) for value in values]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field}__iexact": self.value()})
        return queryset


class SluglineFilter(RecentValuesFilter):
    title = _("slugline")
    parameter_name = "slugline"
    field = "slugline"


class DatelineFilter(RecentValuesFilter):
    title = _("dateline")
    parameter_name = "dateline"
    field = "dateline_place"


class DeskFilter(admin.SimpleListFilter):
    """What the admin index warns about (articles/desk/planning.py)."""

    title = _("needs attention")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("stuck", _("Too long in its status"))]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.filter(pk__in=planning.overdue().values("pk"))
            case "stuck":
                return queryset.filter(pk__in=planning.stuck().values("pk"))
        return queryset


class WorkflowAdminMixin:
    """For ArticleAdmin: the status field offers only the moves the user may make, a refused move comes back
    on the form with the reason, saves and actions go through articles.desk.workflow."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user
        old_status = obj.status if obj is not None else Status.DRAFT
        old_embargo = obj.embargo_until if obj is not None else None
        old_published_at = obj.published_at if obj is not None else None

        class WorkflowForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                field = self.fields.get("status")
                if field is not None:
                    # Shown: the moves this user may make; accepted: any status, so a refused one is
                    # answered with the workflow's reason rather than "not a valid choice".
                    allowed = workflow.allowed_statuses(user, old_status)
                    field.widget.choices = [(value, label) for value, label in field.choices if value in allowed]

            def _post_clean(self):
                super()._post_clean()
                if "status" in self.errors:
                    return
                try:
                    workflow.move_check(user=user, article=self.instance, old=old_status)
                except ValidationError as error:
                    self._update_errors(error)

        WorkflowForm.old_status = old_status
        WorkflowForm.old_embargo = old_embargo
        WorkflowForm.old_published_at = old_published_at
        return WorkflowForm

    def save_model(self, request, obj, form, change):
        workflow.story_save(
            article=obj,
            user=request.user,
            old_status=form.old_status if change else None,
            old_embargo=form.old_embargo if change else None,
            old_published_at=form.old_published_at if change else None,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is StoryNote:
            for note in formset.save(commit=False):
                note.author = request.user
                note.save()
            return
        super().save_formset(request, form, formset, change)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_edit(request.user, obj))

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    def has_approve_permission(self, request):
        return request.user.has_perm(workflow.APPROVE)

    def has_withdraw_permission(self, request):
        return request.user.has_perm(workflow.WITHDRAW)

    # ---- Actions: each story moved through the workflow's service, refusals reported by name ----

    def _move_all(self, request, stories, to, *, fields=("status",), **options):
        """Move each story; a refused one is named with the reason, the others are noted in their history."""
        moved, refused = 0, []
        labels = [str(capfirst(Article._meta.get_field(name).verbose_name)) for name in fields]
        change_message = [{"changed": {"fields": labels}}]
        stories = list(stories)
        # A story edited before versions were kept gets its state before the move as a version to compare with.
        story_baselines_record(pks=[story.pk for story in stories])
        for story in stories:
            try:
                story = workflow.story_move(
                    article=story, to=to, user=request.user, comment=json.dumps(change_message), **options
                )
            except ValidationError as error:
                refused.append(f"“{story.title}”: {workflow.refusal_text(error)}")
            else:
                self.log_change(request, story, change_message)
                moved += 1
        for line in refused[:5]:
            self.message_user(request, line, messages.ERROR)
        if len(refused) > 5:
            more = len(refused) - 5
            self.message_user(
                request,
                ngettext("%(count)d more story refused.", "%(count)d more stories refused.", more) % {"count": more},
                messages.ERROR,
            )
        return moved

    @admin.action(description=_("Send for editing"), permissions=["change"])
    def send_for_editing(self, request, queryset):
        moved = self._move_all(request, queryset.filter(status=Status.DRAFT), Status.READY)
        if moved:
            self.message_user(
                request,
                ngettext("%(count)d story sent for editing.", "%(count)d stories sent for editing.", moved)
                % {"count": moved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Approve"), permissions=["approve"])
    def approve(self, request, queryset):
        moved = self._move_all(request, queryset.filter(status__in=[Status.DRAFT, Status.READY]), Status.APPROVED)
        if moved:
            self.message_user(
                request,
                ngettext("%(count)d story approved.", "%(count)d stories approved.", moved) % {"count": moved},
                messages.SUCCESS,
            )

    @admin.action(description=_("Restore withdrawn stories as drafts"), permissions=["withdraw"])
    def restore(self, request, queryset):
        moved = self._move_all(request, queryset.filter(status=Status.WITHDRAWN), Status.DRAFT)
        if moved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story restored as a draft; readers see it again once it is published.",
                    "%(count)d stories restored as drafts; readers see them again once they are published.",
                    moved,
                )
                % {"count": moved},
                messages.SUCCESS,
            )

    # ---- The planning page ----

    def get_urls(self):
        planning_url = path(
            "planning/",
            self.admin_site.admin_view(self.planning_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_planning",
        )
        return [planning_url, *super().get_urls()]

    def planning_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Planning: what goes out next"),
            "days": planning.planning_days(planning.upcoming(now)),
            "now": now,
        }
        return TemplateResponse(request, "admin/articles/article/planning.html", context)


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordsAdmin):
    """Read-only for everyone, superusers included: the log is only ever added to, by the services."""

    list_display = ["created_at", "actor_name", "action", "object_link", "detail"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter), ("created_at", admin.DateFieldListFilter)]
    search_fields = ["object_repr", "actor_name"]
    search_help_text = _("Searches objects and people.")
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        model = entry.content_type.model_class()
        if model is None:
            return entry.object_repr
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[entry.object_id])
        except NoReverseMatch:  # a model without an admin page: its name is enough
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)
