from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsportal.editions import edition_choices

from .models import ApiKey


class ApiKeyForm(forms.ModelForm):
    editions = forms.MultipleChoiceField(
        label=_("editions"),
        choices=edition_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The editions whose stories this key may read."),
    )

    class Meta:
        model = ApiKey
        fields = ["name", "editions", "requests_per_minute"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "edition_list", "requests_per_minute", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    @admin.display(description=_("editions"))
    def edition_list(self, key):
        return ", ".join(key.editions)

    def save_model(self, request, obj, form, change):
        raw = None if change else obj.set_new_key()
        super().save_model(request, obj, form, change)
        if raw:
            messages.warning(
                request,
                _("The key is %(key)s — copy it now: it is stored only as a hash and will not be shown again.")
                % {"key": raw},
            )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        count = queryset.active().update(revoked_at=timezone.now())
        self.message_user(
            request, ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count}
        )
