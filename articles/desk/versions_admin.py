"""The story form's versions, its lock against saving over a newer save, and the presence heartbeat.

ArticleAdmin takes these in through VersionsAdminMixin; the pages are under the story's own admin address
(…/article/<id>/versions/), the heartbeat at …/article/heartbeat/.
"""

import json

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from newsportal.inputs import as_pk

from ..models import Article
from . import presence
from .versions import (
    compare_others,
    compare_texts,
    current_state,
    describe,
    story_baselines_record,
    story_version_previous,
    story_version_restore,
    story_versions,
    story_versions_add,
    version_state,
    when,
    who,
)

# The hidden field carrying the story's last-modified time as the form was loaded.
LOCK_FIELD = "desk_loaded_version"
# Set on the answer to a successful save: static/js/desk-autosave.js (which names it too: the cookie is read on
# the list the save leads to, where no form carries it) forgets the unsaved changes it kept for that story.
SAVED_COOKIE = "desk_saved"
VERSIONS_PER_PAGE = 50


def lock_token(article):
    return article.modified_at.isoformat() if article.pk and article.modified_at else ""


class StoryLockFormMixin:
    """Refuses a save made over a newer one; the editor's text stays in the form, beside the differences."""

    conflict = None

    def clean(self):
        cleaned_data = super().clean()
        loaded = self.data.get(LOCK_FIELD) if self.is_bound else None
        # A form without the field was not loaded from our page (a script, a test client): nothing to compare.
        if self.instance.pk and loaded is not None and loaded != lock_token(self.instance):
            saved = {name: getattr(self.instance, name) for name in ("title", "lead", "body")}
            yours = {name: self.data.get(name, "") for name in ("title", "lead", "body")}
            latest = story_versions(self.instance).first()
            self.conflict = {
                "token": lock_token(self.instance),
                "by": who(latest) if latest else _("someone else"),
                "at": when(latest) if latest else "",
                "comparisons": compare_texts(saved, yours),
            }
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "This story was saved by %(by)s after you opened it. Nothing of yours was saved: your text "
                        "is kept in the form below, and the differences with the saved story are shown above it. "
                        "Merge what you need and save again."
                    ),
                    code="conflict",
                    params={"by": self.conflict["by"]},
                ),
            )
        return cleaned_data

    @property
    def lock_token(self):
        if self.conflict:
            return self.conflict["token"]  # seen the differences: the next save goes through
        if self.is_bound:
            return self.data.get(LOCK_FIELD, "")
        return lock_token(self.instance)


class VersionsAdminMixin:
    """For ArticleAdmin: every save a version, the versions pages, the lock and the heartbeat."""

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["css/desk-versions.css"]},
            js=["js/desk-autosave.js", "js/desk-presence.js"],
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (StoryLockFormMixin, form), {})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id:
            article = self.get_object(request, unquote(object_id))
            if article is not None and self.has_change_permission(request, article):
                story_baselines_record(pks=[article.pk])
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    # Called after the story, its tags, authors and inlines are saved: the version holds all of them.
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._version(obj, message or [{"added": {}}])
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._version(obj, message)
        return entry

    def _version(self, article, message):
        if reversion.is_active():
            reversion.set_comment(json.dumps(message) if isinstance(message, list) else str(message))
            story_versions_add(articles=[article])

    def response_add(self, request, obj, post_url_continue=None):
        return self._saved(request, super().response_add(request, obj, post_url_continue), "new")

    def response_change(self, request, obj):
        return self._saved(request, super().response_change(request, obj), str(obj.pk))

    def _saved(self, request, response, key):
        if isinstance(response, HttpResponseRedirect):
            response.set_cookie(
                SAVED_COOKIE,
                key,
                max_age=600,
                path=reverse("admin:index"),
                secure=request.is_secure(),
                samesite="Lax",
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["desk"] = {
            "lock_field": LOCK_FIELD,
            "heartbeat_url": reverse("admin:articles_article_heartbeat"),
            "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
            "draft_key": str(obj.pk) if obj and obj.pk else "new",
            "login_url": reverse("admin:login"),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            # Answers in JSON, also to a signed-out editor, so not wrapped in admin_view (which redirects).
            path("heartbeat/", self.heartbeat_view, name="{}_{}_heartbeat".format(*info)),
            path("<int:object_id>/versions/", wrap(self.versions_view), name="{}_{}_versions".format(*info)),
            path(
                "<int:object_id>/versions/<int:version_id>/",
                wrap(self.version_view),
                name="{}_{}_version".format(*info),
            ),
            path(
                "<int:object_id>/versions/<int:version_id>/restore/",
                wrap(self.version_restore_view),
                name="{}_{}_version_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _story(self, request, object_id):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            "has_change_permission": self.has_change_permission(request, article),
        }

    def versions_view(self, request, object_id):
        article = self._story(request, object_id)
        page = Paginator(story_versions(article), VERSIONS_PER_PAGE).get_page(request.GET.get("page"))
        rows = [{"version": version, "who": who(version), "what": describe(version)} for version in page]
        context = self._context(request, article, _("Versions of “%(story)s”") % {"story": article})
        context.update(page=page, rows=rows)
        return TemplateResponse(request, "admin/articles/article/versions.html", context)

    def _version_of(self, article, version_id):
        version = story_versions(article).filter(pk=version_id).first()
        if version is None:
            raise Http404(_("This story has no such version."))
        return version

    def version_view(self, request, object_id, version_id):
        """One version beside the one before it, or beside the story as it is now (?against=current)."""
        article = self._story(request, object_id)
        version = self._version_of(article, version_id)
        new_state = version_state(version)
        if request.GET.get("against") == "current":
            old, old_state, new_label = version, new_state, _("Now")
            new_state = current_state(article)
            old_label = _("Version of %(moment)s") % {"moment": when(version)}
        else:
            old = story_version_previous(version)
            old_state = version_state(old) if old else {}
            old_label = _("Version of %(moment)s") % {"moment": when(old)} if old else _("Before (nothing recorded)")
            new_label = _("Version of %(moment)s") % {"moment": when(version)}
        context = self._context(request, article, _("Version of %(moment)s") % {"moment": when(version)})
        context.update(
            version=version,
            previous=old,
            who=who(version),
            what=describe(version),
            old_label=old_label,
            new_label=new_label,
            comparisons=compare_texts(old_state, new_state),
            others=compare_others(old_state, new_state),
            against_current=request.GET.get("against") == "current",
        )
        return TemplateResponse(request, "admin/articles/article/version.html", context)

    def version_restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_version", args=[object_id, version_id]))
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = self._version_of(article, version_id)
        try:
            story_version_restore(version=version, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("admin:articles_article_version", args=[article.pk, version.pk]))
        restored = _("The version of %(moment)s is restored; the restore is itself a new version.")
        messages.success(request, restored % {"moment": when(version)})
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(never_cache)
    @method_decorator(require_POST)
    def heartbeat_view(self, request):
        """{"authenticated", "editors": the others with the story open, "saved_since": whether it was saved since
        the form loaded}; 401 once the session is gone, so the form can sign in again before saving."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return JsonResponse({"authenticated": False, "login_url": reverse("admin:login")}, status=401)
        if not user.has_perm("articles.view_article"):
            return JsonResponse({"authenticated": True, "error": _("You may not see stories.")}, status=403)
        story_id = request.POST.get("story", "")
        if not story_id or story_id == "new":
            return JsonResponse({"authenticated": True, "editors": [], "saved_since": False})
        story_id = as_pk(story_id)
        if not story_id:
            return JsonResponse({"authenticated": True, "error": _("No such story.")}, status=400)
        modified = Article.objects.filter(pk=story_id).values_list("modified_at", flat=True).first()
        if modified is None:
            return JsonResponse({"authenticated": True, "error": _("No such story.")}, status=404)
        if request.POST.get("leaving"):
            presence.presence_leave(story_id=story_id, user=user)
            return JsonResponse({"authenticated": True, "editors": [], "saved_since": False})
        editors = presence.presence_beat(story_id=story_id, user=user)
        loaded = request.POST.get("loaded", "")
        return JsonResponse(
            {
                "authenticated": True,
                "editors": editors,
                "saved_since": bool(loaded) and loaded != modified.isoformat(),
            }
        )
