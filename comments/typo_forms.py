from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .typo_services import normalize_selection
from .typos import TYPO_CONTEXT_CHARS, TYPO_SELECTION_DB_MAX


class TypoReportForm(forms.Form):
    """What the typo dialog sends. Limits come from settings when the form is built, so tests can change them."""

    article = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("This story is not available."),
            "invalid": _("This story is not available."),
            "min_value": _("This story is not available."),
        },
    )
    selection = forms.CharField()
    # The script sends up to TYPO_CONTEXT_CHARS; a little slack, the service trims.
    before = forms.CharField(required=False, strip=False, max_length=TYPO_CONTEXT_CHARS * 4)
    after = forms.CharField(required=False, strip=False, max_length=TYPO_CONTEXT_CHARS * 4)
    comment = forms.CharField(required=False)
    url = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_selection = min(settings.TYPO_MAX_SELECTION, TYPO_SELECTION_DB_MAX)
        self.fields["comment"] = forms.CharField(
            required=False,
            max_length=settings.TYPO_MAX_COMMENT,
            error_messages={"max_length": _("The comment is too long: write no more than %(limit_value)d characters.")},
        )
        self.fields["selection"].error_messages["required"] = _("Select the wrong text first.")

    def clean_selection(self):
        selection = normalize_selection(self.cleaned_data["selection"])
        if not selection:
            raise forms.ValidationError(_("Select the wrong text first."), code="required")
        if len(selection) > self.max_selection:
            raise forms.ValidationError(
                _(
                    "The selected text is too long. Select no more than %(limit)d characters: "
                    "just the misspelt word and a few around it."
                ),
                code="max_length",
                params={"limit": self.max_selection},
            )
        return selection

    def clean_article(self):
        """Only stories readers of this edition can see take reports."""
        try:
            return Article.objects.live().get(pk=self.cleaned_data["article"])
        except Article.DoesNotExist:
            raise forms.ValidationError(_("This story is not available."), code="not_found") from None

    def first_error(self):
        """The message a reader should see: one sentence, the most useful first."""
        for field in ("article", "selection", "comment", "before", "after", "url"):
            if field in self.errors:
                return self.errors[field][0]
        return next(iter(self.errors.values()))[0] if self.errors else ""

    def story_missing(self):
        return self.has_error("article", "not_found")
