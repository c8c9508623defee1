"""What editors fill in for breaking news and developing stories (the story form and the list's actions)."""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..models import Article
from .developing import developing_check
from .services import DEFAULT_MINUTES, DURATION_CHOICES, breaking_values

# The autocomplete request's parameters: the edition follow-ups are sought in, and the story itself.
FOLLOW_UP_IN = "follow_up_in"
FOLLOW_UP_OF = "follow_up_of"
END_NOW = "end"


def duration_label(minutes):
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext_lazy("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return ngettext_lazy("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


DURATIONS = [(minutes, duration_label(minutes)) for minutes in DURATION_CHOICES]


class FollowUpAutocomplete(AutocompleteSelect):
    """Offers the stories of the edited story's edition only, never the story itself
    (ArticleAdmin.get_search_results reads the parameters)."""

    def __init__(self, admin_site, **kwargs):
        super().__init__(Article._meta.get_field("follows"), admin_site, **kwargs)
        self.edition = None
        self.story = None

    def get_url(self):
        url = super().get_url()
        parts = [f"{FOLLOW_UP_IN}={self.edition}"] if self.edition else []
        if self.story:
            parts.append(f"{FOLLOW_UP_OF}={self.story}")
        return f"{url}?{'&'.join(parts)}" if parts else url


def follow_up_search(request, queryset):
    """Narrow the admin's story autocomplete when it picks an earlier story to follow up."""
    edition, story = request.GET.get(FOLLOW_UP_IN), request.GET.get(FOLLOW_UP_OF)
    if edition:
        queryset = queryset.filter(edition=edition)
    if story and story.isdigit():
        queryset = queryset.exclude(pk=int(story))
    return queryset


class BreakingFormMixin(forms.ModelForm):
    """The story form's breaking-news choice and its developing-story link (`follows` in Meta.fields)."""

    breaking_for = forms.ChoiceField(
        label=_("breaking news"),
        required=False,
        choices=[
            ("", _("Leave as it is")),
            *((str(minutes), label) for minutes, label in DURATIONS),
            (END_NOW, _("End it now")),
        ],
        help_text=_(
            "A published story shown in a banner on every page of its edition, from now for the time chosen; "
            "it ends by itself."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "follows" in self.fields:
            widget = FollowUpAutocomplete(admin.site)
            widget.edition = self.instance.edition if self.instance.pk else None
            widget.story = self.instance.pk
            self.fields["follows"].widget = widget
            self.fields["follows"].widget.choices = self.fields["follows"].choices

    def clean(self):
        cleaned_data = super().clean()
        earlier = cleaned_data.get("follows")
        if earlier and cleaned_data.get("edition"):
            story = Article(pk=self.instance.pk, edition=cleaned_data["edition"], follows=earlier)
            try:
                developing_check(story=story, earlier=earlier)
            except ValidationError as error:
                self.add_error("follows", error)
        choice = cleaned_data.get("breaking_for")
        if choice == END_NOW:
            self.instance.breaking_until = None
        elif choice:
            if cleaned_data.get("status") != Article.Status.PUBLISHED:
                self.add_error("breaking_for", _("Only a published story can be breaking news."))
            else:
                flagged = breaking_values(int(choice))
                self.instance.breaking_until = flagged["breaking_until"]
                cleaned_data["urgency"] = flagged["urgency"]
        return cleaned_data


class BreakingActionForm(helpers.ActionForm):
    """The story list's action bar, with how long the "breaking news" action flags stories for."""

    breaking_minutes = forms.TypedChoiceField(
        label=_("Breaking news for:"), choices=DURATIONS, coerce=int, initial=DEFAULT_MINUTES, required=False
    )
