"""The editors' live desk: one form on top, the blog's entries below, each change sent in place.

Without scripts every button is a plain form that posts and comes back to the desk; with
static/js/live_desk.js the same endpoints answer JSON (the entry rendered) and nothing reloads.
"""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from js_asset import Media

from ..desk.audit import Action, audit_record
from ..desk.versions import story_revision
from .forms import LiveEntryForm
from .models import LiveBlog, LiveEntry
from .services import live_blog_close, live_blog_open, live_entry_delete, live_entry_pin

DESK_ENTRIES = 100


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@admin.register(LiveBlog)
class LiveBlogAdmin(admin.ModelAdmin):
    list_display = ["article", "status", "opened_at", "closed_at", "entry_count"]
    list_filter = ["status", "article__edition"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    autocomplete_fields = ["article"]
    fields = ["article", "opened_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    @admin.display(description=_("entries"), ordering="entry_total")
    def entry_count(self, blog):
        return blog.entry_total

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            live_blog_open(article=obj.article)
            audit_record(actor=request.user, action=Action.LIVE_OPEN, obj=obj.article)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect("admin:articles_liveblog_change", obj.pk)

    def get_urls(self):
        desk = self.admin_site.admin_view
        return [
            path("<int:pk>/entries/", desk(self.entry_add_view), name="articles_liveblog_entry_add"),
            path("<int:pk>/entries/<int:entry>/", desk(self.entry_edit_view), name="articles_liveblog_entry_edit"),
            path("<int:pk>/entries/<int:entry>/pin/", desk(self.entry_pin_view), name="articles_liveblog_entry_pin"),
            path(
                "<int:pk>/entries/<int:entry>/delete/",
                desk(self.entry_delete_view),
                name="articles_liveblog_entry_delete",
            ),
            path("<int:pk>/status/", desk(self.status_view), name="articles_liveblog_status"),
            *super().get_urls(),
        ]

    # The entry editor's import map is an inline <script>; the strict CSP lets exactly that one run by nonce.
    @method_decorator(csp_update({"script-src": [NONCE]}))
    def change_view(self, request, object_id, form_url="", extra_context=None):
        blog = self._blog(request, object_id, "view")
        editing = request.GET.get("edit", "")
        # Without scripts "Edit" comes back here with ?edit=<id>: the form on top holds that entry.
        entry = get_object_or_404(LiveEntry, blog=blog, pk=editing) if editing.isdigit() else None
        return self._desk(request, blog, LiveEntryForm(instance=entry))

    def _desk(self, request, blog, form, *, status=200):
        entries = blog.entries.newest_first().select_related("photo", "author")[:DESK_ENTRIES]
        media = self.media + form.media
        editing = form.instance.pk is not None
        action = (
            reverse("admin:articles_liveblog_entry_edit", args=[blog.pk, form.instance.pk])
            if editing
            else reverse("admin:articles_liveblog_entry_add", args=[blog.pk])
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Live desk: %(story)s") % {"story": blog.article.title},
            "subtitle": None,
            "opts": self.opts,
            "blog": blog,
            "form": form,
            "entries": entries,
            "editing": editing,
            "form_action": action,
            "media": Media.from_media(media, nonce=getattr(request, "csp_nonce", "")),
            "can_change": self.has_change_permission(request, blog),
            "has_view_permission": True,
            "original": blog,
        }
        return TemplateResponse(request, "admin/articles/live/desk.html", context, status=status)

    def _blog(self, request, pk, action="change"):
        blog = get_object_or_404(LiveBlog.objects.select_related("article__section"), pk=pk)
        allowed = (
            self.has_change_permission(request, blog) if action == "change" else self.has_view_permission(request, blog)
        )
        if not allowed:
            raise PermissionDenied
        return blog

    def _entry_html(self, request, entry):
        return render_to_string(
            "admin/articles/live/_desk_entry.html", {"entry": entry, "blog": entry.blog, "can_change": True}, request
        )

    def _saved(self, request, blog, entry, message):
        if wants_json(request):
            return JsonResponse({"id": entry.pk, "html": self._entry_html(request, entry)})
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:articles_liveblog_change", blog.pk)

    def _save_form(self, request, blog, entry):
        form = LiveEntryForm(request.POST, instance=entry)
        if not form.is_valid():
            if wants_json(request):
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            return self._desk(request, blog, form, status=400)
        adding = entry.pk is None
        entry = form.save(commit=False)
        entry.blog = blog
        if entry.created_by_id is None:
            entry.created_by = request.user
        # A version of the entry and a line in the desk's audit log, like every change to a story.
        with story_revision(user=request.user, comment=_("Added.") if adding else _("Edited.")):
            entry.save()
        audit_record(
            actor=request.user,
            action=Action.LIVE_ENTRY_ADD if adding else Action.LIVE_ENTRY_EDIT,
            obj=entry,
            detail=str(blog.article)[:300],
        )
        # The admin's history of the entry: who wrote and changed what, as for any other admin save.
        if adding:
            self.log_addition(request, entry, [{"added": {}}])
        else:
            self.log_change(request, entry, self.construct_change_message(request, form, None))
        return self._saved(request, blog, entry, _("Entry saved: readers' pages show it now."))

    @method_decorator(require_POST)
    def entry_add_view(self, request, pk):
        blog = self._blog(request, pk)
        return self._save_form(request, blog, LiveEntry(blog=blog))

    @method_decorator(require_POST)
    def entry_edit_view(self, request, pk, entry):
        blog = self._blog(request, pk)
        return self._save_form(request, blog, get_object_or_404(LiveEntry, blog=blog, pk=entry))

    @method_decorator(require_POST)
    def entry_pin_view(self, request, pk, entry):
        blog = self._blog(request, pk)
        entry = get_object_or_404(LiveEntry.objects.select_related("photo", "author"), blog=blog, pk=entry)
        was = entry.is_pinned
        with story_revision(user=request.user, comment=_("Pinned.") if not was else _("Unpinned.")):
            live_entry_pin(entry=entry, pinned=request.POST.get("pinned") == "1")
        if entry.is_pinned != was:
            audit_record(actor=request.user, action=Action.LIVE_ENTRY_PIN, obj=entry, detail=str(blog.article)[:300])
            self.log_change(
                request, entry, [{"changed": {"fields": [str(LiveEntry._meta.get_field("is_pinned").verbose_name)]}}]
            )
        return self._saved(request, blog, entry, _("Entry pinned.") if entry.is_pinned else _("Entry unpinned."))

    @method_decorator(require_POST)
    def entry_delete_view(self, request, pk, entry):
        blog = self._blog(request, pk)
        entry = get_object_or_404(LiveEntry, blog=blog, pk=entry)
        deleted = entry.pk
        self.log_deletions(request, LiveEntry.objects.filter(pk=entry.pk))
        audit_record(actor=request.user, action=Action.LIVE_ENTRY_DELETE, obj=entry, detail=str(blog.article)[:300])
        live_entry_delete(entry=entry)
        if wants_json(request):
            return JsonResponse({"id": deleted, "deleted": True})
        self.message_user(request, _("Entry deleted."), messages.SUCCESS)
        return redirect("admin:articles_liveblog_change", blog.pk)

    @method_decorator(require_POST)
    def status_view(self, request, pk):
        blog = self._blog(request, pk)
        if request.POST.get("status") == LiveBlog.Status.ARCHIVED:
            live_blog_close(blog=blog)
            audit_record(actor=request.user, action=Action.LIVE_CLOSE, obj=blog.article)
            self.log_change(
                request, blog, [{"changed": {"fields": [str(LiveBlog._meta.get_field("status").verbose_name)]}}]
            )
            self.message_user(request, _("The live blog is closed: readers' pages stop looking for entries."))
        else:
            live_blog_open(article=blog.article)
            audit_record(actor=request.user, action=Action.LIVE_OPEN, obj=blog.article)
            self.log_change(
                request, blog, [{"changed": {"fields": [str(LiveBlog._meta.get_field("status").verbose_name)]}}]
            )
            self.message_user(request, _("The live blog is live again."))
        return redirect(reverse("admin:articles_liveblog_change", args=[blog.pk]))
