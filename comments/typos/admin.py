"""The typo queue: readers' reports, each shown in its sentence with a link to the very spot."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.desk import waiting
from articles.desk.audit import Action, audit_record, audit_record_many

from .models import TypoReport
from .services import text_fragment, typo_reports_set_status

waiting.register(
    key="comments.typos.models",
    label=_("Typo reports"),
    permission="comments.change_typoreport",
    count=lambda: TypoReport.objects.open().count(),
    url=lambda: reverse("admin:comments_typoreport_changelist") + "?status__exact=new",
)


# What the audit log calls a report's new status.
TYPO_ACTIONS = {
    TypoReport.Status.FIXED: Action.TYPO_FIXED,
    TypoReport.Status.REJECTED: Action.TYPO_REJECTED,
    TypoReport.Status.NEW: Action.TYPO_REOPENED,
}


@admin.register(TypoReport)
class TypoReportAdmin(admin.ModelAdmin):
    list_display = ["in_context", "story", "report_count", "status", "text_found", "last_reported_at"]
    list_display_links = ["in_context"]
    list_filter = [
        "status",
        ("article", admin.RelatedOnlyFieldListFilter),
        "last_reported_at",
        "text_missing",
    ]
    list_select_related = ["article__section"]
    search_fields = ["selection", "comment", "article__title"]
    date_hierarchy = "last_reported_at"
    actions = ["mark_fixed", "mark_rejected"]
    list_per_page = 50
    fields = [
        "in_context",
        "story",
        "comment",
        "status",
        "report_count",
        "text_missing",
        "url",
        "created_at",
        "last_reported_at",
        "resolved_at",
    ]
    readonly_fields = [f for f in fields if f != "status"]

    def has_add_permission(self, request):
        # Reports come from readers only.
        return False

    @admin.display(description=_("reported text"))
    def in_context(self, report):
        """The selection highlighted inside the words around it, all escaped."""
        return format_html(
            '<span class="typo-context">{}{}<mark>{}</mark>{}{}</span>',
            "…" if report.context_before else "",
            report.context_before,
            report.selection,
            report.context_after,
            "…" if report.context_after else "",
        )

    @admin.display(description=_("story"), ordering="article__title")
    def story(self, report):
        article = report.article
        live = f"{article.get_absolute_url()}#{text_fragment(article, report)}"
        try:
            edit = reverse("admin:articles_article_change", args=[article.pk])
        except NoReverseMatch:
            return format_html(
                '{}<br><a href="{}" target="_blank" rel="noopener">{}</a>', article.title, live, _("see on the site")
            )
        return format_html(
            '{}<br><a href="{}" target="_blank" rel="noopener">{}</a> · <a href="{}">{}</a>',
            article.title,
            live,
            _("see on the site"),
            edit,
            _("edit the story"),
        )

    @admin.display(description=_("in the story"), boolean=True, ordering="text_missing")
    def text_found(self, report):
        return not report.text_missing

    @admin.action(description=_("Mark selected reports as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._close(request, queryset, TypoReport.Status.FIXED)

    @admin.action(description=_("Reject selected reports"), permissions=["change"])
    def mark_rejected(self, request, queryset):
        self._close(request, queryset, TypoReport.Status.REJECTED)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            audit_record(actor=request.user, action=TYPO_ACTIONS[obj.status], obj=obj)

    def _close(self, request, queryset, status):
        closing = list(queryset.open().select_related("article"))
        count = typo_reports_set_status(queryset, status)
        audit_record_many(actor=request.user, action=TYPO_ACTIONS[status], objects=closing)
        label = TypoReport.Status(status).label
        self.message_user(
            request,
            ngettext("%(count)d report marked “%(status)s”.", "%(count)d reports marked “%(status)s”.", count)
            % {"count": count, "status": label},
            messages.SUCCESS,
        )
