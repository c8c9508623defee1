from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from .models import LiveEntry


class LiveEntryForm(forms.ModelForm):
    """One entry on the editors' desk; the text goes through the body's editor and sanitiser."""

    class Meta:
        model = LiveEntry
        fields = ["title", "body", "photo", "author", "is_key_event", "is_pinned"]
        # Photos are many: picked by searching the library, as on the story form.
        widgets = {"photo": AutocompleteSelect(LiveEntry._meta.get_field("photo"), admin.site)}
        error_messages = {"body": {"required": _("Write the entry's text.")}}
