"""The story admin's breaking-news actions and developing-story link (mixed into ArticleAdmin)."""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .developing import developing_chain_refresh
from .forms import BreakingActionForm, follow_up_search
from .services import DEFAULT_MINUTES, DURATION_CHOICES, breaking_clear, breaking_flag


class BreakingAdminMixin:
    action_form = BreakingActionForm

    @admin.display(description=_("breaking news"))
    def breaking_note(self, article):
        if article.breaking_until and article.breaking_until > timezone.now():
            moment = formats.date_format(timezone.localtime(article.breaking_until), "DATETIME_FORMAT")
            return _("Breaking news until %(moment)s.") % {"moment": moment}
        return _("Not breaking news.")

    def follow_up_search(self, request, queryset):
        return follow_up_search(request, queryset)

    def developing_saved(self, article, form):
        """A story's `follows` changed: its old chain and its new one name their first story again."""
        if "follows" in form.changed_data:
            developing_chain_refresh(story_pks=[article.pk, form.initial.get("follows")])

    def _log_breaking(self, request, pks):
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=self.model.objects.filter(pk__in=pks),
            action_flag=CHANGE,
            change_message=[{"changed": {"fields": [str(capfirst(_("breaking news until")))]}}],
        )

    @admin.action(description=_("Breaking news: show in a banner on every page"), permissions=["change"])
    def breaking_flag(self, request, queryset):
        try:
            minutes = int(request.POST.get("breaking_minutes") or DEFAULT_MINUTES)
        except ValueError:
            minutes = DEFAULT_MINUTES
        if minutes not in DURATION_CHOICES:
            minutes = DEFAULT_MINUTES
        total = queryset.count()
        pks = list(queryset.filter(status="published").values_list("pk", flat=True))
        changed = breaking_flag(stories=self.model.objects.filter(pk__in=pks), minutes=minutes)
        if changed:
            self._log_breaking(request, pks)
            until = formats.date_format(timezone.localtime(timezone.now() + timedelta(minutes=minutes)), "TIME_FORMAT")
            self.message_user(
                request,
                ngettext(
                    "%(count)d story is breaking news until %(until)s.",
                    "%(count)d stories are breaking news until %(until)s.",
                    changed,
                )
                % {"count": changed, "until": until},
                messages.SUCCESS,
            )
        if total - changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d draft was left alone: only a published story can be breaking news.",
                    "%(count)d drafts were left alone: only a published story can be breaking news.",
                    total - changed,
                )
                % {"count": total - changed},
                messages.WARNING,
            )

    @admin.action(description=_("Breaking news: end it now"), permissions=["change"])
    def breaking_clear(self, request, queryset):
        pks = list(queryset.filter(breaking_until__isnull=False).values_list("pk", flat=True))
        changed = breaking_clear(stories=self.model.objects.filter(pk__in=pks))
        if changed:
            self._log_breaking(request, pks)
        self.message_user(
            request,
            ngettext("Breaking news ended on %(count)d story.", "Breaking news ended on %(count)d stories.", changed)
            % {"count": changed},
            messages.SUCCESS if changed else messages.WARNING,
        )
