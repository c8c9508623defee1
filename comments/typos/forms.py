from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import TYPO_CONTEXT_CHARS, TYPO_SELECTION_DB_MAX
from .services import normalize_selection


class TypoReportForm(forms.Form):
    """What the typo dialog sends. Limits come from settings when the form is built, so tests can change them.

    The dialog on the story page renders it (unbound) through crispy; typo.js fills the selection and its
    context from what the reader selected and shows the answer's message.
    """

    # typo.js checks before sending, and a required field the dialog hides would stop the form in the browser.
    use_required_attribute = False

    article = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This story is not available."),
            "invalid": _("This story is not available."),
            "min_value": _("This story is not available."),
        },
    )
    selection = forms.CharField(label=_("Wrong text"))
    # The script sends up to TYPO_CONTEXT_CHARS; a little slack, the service trims.
    before = forms.CharField(required=False, strip=False, max_length=TYPO_CONTEXT_CHARS * 4, widget=forms.HiddenInput)
    after = forms.CharField(required=False, strip=False, max_length=TYPO_CONTEXT_CHARS * 4, widget=forms.HiddenInput)
    comment = forms.CharField(required=False)
    url = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="typo-%s", **kwargs)
        self.max_selection = min(settings.TYPO_MAX_SELECTION, TYPO_SELECTION_DB_MAX)
        self.fields["selection"].widget = forms.Textarea(attrs={"rows": 2, "maxlength": self.max_selection})
        self.fields["selection"].help_text = gettext("Up to %(limit)s characters.") % {"limit": self.max_selection}
        self.fields["comment"] = forms.CharField(
            required=False,
            label=_("Comment (optional)"),
            help_text=_("For example, the right spelling."),
            max_length=settings.TYPO_MAX_COMMENT,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": _("The comment is too long: write no more than %(limit_value)d characters.")},
        )
        self.fields["selection"].error_messages["required"] = _("Select the wrong text first.")
        self.helper = FormHelper()
        self.helper.form_tag = False  # the dialog writes <form>: the story page is cached, without a token
        self.helper.disable_csrf = True
        self.helper.form_show_errors = False  # typo.js shows the answer's message in the dialog
        # The script sends the context and the address itself; the dialog's markup needs only these.
        self.helper.layout = Layout(
            "article",
            # Typed in only when nothing was selected (keyboard and touch readers): typo.js shows it.
            Div("selection", css_class="typo-dialog__field", data_typo_manual=True, hidden=True),
            Div("comment", css_class="typo-dialog__field", data_typo_comment_field=True),
        )

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
