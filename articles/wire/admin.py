from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from newsportal.readonly_admin import RecordsAdmin

from .models import WireItem, WireMapping, WireRun, WireSource
from .services import wire_ingest


class WireMappingInline(admin.TabularInline):
    model = WireMapping
    extra = 1


class WireSourceForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Ingest a file now"),
        required=False,
        help_text=_("A NewsML-G2, ninjs, RSS or Atom file, read with this source's settings when you save."),
    )

    class Meta:
        model = WireSource
        fields = ["name", "kind", "url", "directory", "edition", "section", "credit", "image_hosts", "is_active"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and upload.size > settings.WIRE_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


@admin.register(WireSource)
class WireSourceAdmin(admin.ModelAdmin):
    form = WireSourceForm
    list_display = ["name", "kind", "edition", "section", "credit", "is_active", "last_run_at"]
    list_filter = ["kind", "edition", "is_active"]
    inlines = [WireMappingInline]
    actions = ["run_now"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("upload")
        if upload:
            run = wire_ingest(source=obj, documents=[(upload.name, upload.read())])
            self._report(request, obj, run)

    @admin.action(description=_("Fetch the selected sources now"))
    def run_now(self, request, queryset):
        for source in queryset:
            self._report(request, source, wire_ingest(source=source))

    def _report(self, request, source, run):
        level = messages.WARNING if run.failed else messages.SUCCESS
        self.message_user(
            request,
            _("%(source)s: %(new)d new, %(updated)d updated, %(skipped)d skipped, %(killed)d killed, %(failed)d failed")
            % {
                "source": source,
                "new": run.new,
                "updated": run.updated,
                "skipped": run.skipped,
                "killed": run.killed,
                "failed": run.failed,
            },
            level,
        )


@admin.register(WireRun)
class WireRunAdmin(RecordsAdmin):
    """The per-source log: one row a run, with the reason of each failure."""

    deletable = True  # a run's log may be cleared away, never rewritten

    list_display = ["source", "started_at", "finished_at", "new", "updated", "skipped", "killed", "failed"]
    list_filter = ["source"]
    readonly_fields = [
        "source",
        "started_at",
        "finished_at",
        "new",
        "updated",
        "skipped",
        "killed",
        "failed",
        "error_lines",
    ]
    exclude = ["errors"]

    @admin.display(description=_("errors"))
    def error_lines(self, run):
        return "\n".join(run.errors) or "—"


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    list_display = ["guid", "source", "version", "article", "killed_at", "updated_at"]
    list_filter = ["source"]
    search_fields = ["guid"]
    readonly_fields = ["source", "guid", "version", "content_hash", "article", "versions", "killed_at"]

    def has_add_permission(self, request):
        return False
