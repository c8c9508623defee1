"""The typo queue: readers' reports, each shown in its sentence with a link to the very spot."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

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
    list_display = [
        "in_context",
        "reader_comment",
        "story",
        "report_count",
        "status",
        "text_found",
        "last_reported_at",
        "fix_button",
    ]
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
        "text_found",
        "url",
        "created_at",
        "last_reported_at",
        "resolved_at",
    ]
    readonly_fields = [f for f in fields if f != "status"]

    def get_urls(self):
        fixed = self.admin_site.admin_view(require_POST(self.fixed_view))
        return [path("<int:pk>/fixed/", fixed, name="comments_typoreport_fixed"), *super().get_urls()]

    def fixed_view(self, request, pk):
        """One click from the list or the report: the report is closed as fixed and noted in its history."""
        report = get_object_or_404(TypoReport, pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        if self._close_reports(request, TypoReport.objects.filter(pk=pk), TypoReport.Status.FIXED):
            self.message_user(request, _("Report marked as fixed: “%(text)s”.") % {"text": report.selection})
        else:
            self.message_user(request, _("This report was closed already."), messages.WARNING)
        # Back to the list as it was (filters and page), which the browser names as the referrer.
        back = request.headers.get("referer", "")
        if (
            "/typoreport/" not in back
            or f"/{pk}/" in back
            or not url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            back = reverse("admin:comments_typoreport_changelist")
        return HttpResponseRedirect(back)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            extra_context["fixed_url"] = reverse("admin:comments_typoreport_fixed", args=[object_id])
        return super().changeform_view(request, object_id, form_url, extra_context)

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

    @admin.display(description=_("reader's comment"))
    def reader_comment(self, report):
        return Truncator(report.comment).chars(120) or "—"

    # The list and the report's page show the same fact under the same words.
    @admin.display(description=_("text in the story"), boolean=True, ordering="text_missing")
    def text_found(self, report):
        return not report.text_missing

    @admin.display(description=_("fixed?"))
    def fix_button(self, report):
        # Sends the list's own form (and its CSRF token) to the report's "fixed" address: one click.
        if report.status != TypoReport.Status.NEW:
            return "—"
        return format_html(
            '<button type="submit" class="button typo-fixed" formaction="{}">{}</button>',
            reverse("admin:comments_typoreport_fixed", args=[report.pk]),
            _("Mark fixed"),
        )

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

    def _close_reports(self, request, queryset, status):
        """Close the open reports among `queryset`, noted in the audit log and in each report's history
        (the list's actions and the one-click "Mark fixed" alike); returns how many were closed."""
        closing = list(queryset.open().select_related("article"))
        count = typo_reports_set_status(queryset, status)
        audit_record_many(actor=request.user, action=TYPO_ACTIONS[status], objects=closing)
        if closing:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=TypoReport.objects.filter(pk__in=[report.pk for report in closing]),
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": [str(TypoReport._meta.get_field("status").verbose_name)]}}],
            )
        return count

    def _close(self, request, queryset, status):
        count = self._close_reports(request, queryset, status)
        label = TypoReport.Status(status).label
        self.message_user(
            request,
            ngettext("%(count)d report marked “%(status)s”.", "%(count)d reports marked “%(status)s”.", count)
            % {"count": count, "status": label},
            messages.SUCCESS,
        )
