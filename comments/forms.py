import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsportal.auth import display_name
from newsportal.inputs import as_pk

from .models import Comment
from .text import count_links
from .threads import replied_comment

STAMP_SALT = "comments.form-stamp"


def issue_stamp():
    """A signed "form shown at" time: cached pages may carry it, since it is the same for every reader."""
    return TimestampSigner(salt=STAMP_SALT).sign(str(int(time.time())))


class StampInput(forms.HiddenInput):
    """Always renders a fresh stamp, so a form shown again after an error starts a new clock."""

    def format_value(self, value):
        return issue_stamp()


class TrapInput(forms.TextInput):
    """The honeypot: never echoes what was typed into it."""

    def format_value(self, value):
        return None


class CommentTextField(forms.CharField):
    def to_python(self, value):
        # Browsers count a line break as one character in maxlength, but send "\r\n".
        return normalize_newlines(super().to_python(value))


class CommentForm(forms.ModelForm):
    reply_to = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=TrapInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issued = forms.CharField(required=False, widget=StampInput)

    class Meta:
        model = Comment
        fields = ["author_name", "author_email", "text"]
        labels = {"author_name": _("Your name"), "author_email": _("E-mail (optional)"), "text": _("Comment")}
        help_texts = {
            "author_name": _("Shown with your comment."),
            "author_email": _("Never shown. We write only if a moderator has a question."),
        }
        widgets = {
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, article, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.parent = None
        max_length = settings.COMMENTS_MAX_LENGTH
        self.fields["text"] = CommentTextField(
            label=_("Comment"),
            max_length=max_length,
            widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_(
                "Plain text, up to %(max)s characters. Links are clickable; comments with links wait for a moderator."
            )
            % {"max": max_length},
        )
        self.fields["author_name"].error_messages["required"] = _("Please give a name to sign your comment with.")
        self.fields["text"].error_messages["required"] = _("The comment is empty.")
        if user is not None and user.is_authenticated:
            # Signed-in readers comment under their account's name.
            self.fields["author_name"].initial = display_name(user)
            self.fields["author_name"].disabled = True
            self.fields["author_email"].initial = user.email
        self.helper = FormHelper()
        self.helper.form_tag = False  # the templates write <form>: cached pages must not carry a CSRF token
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "author_name",
            "author_email",
            Field("text", aria_describedby="id_text_helptext comment-counter"),
            Div("website", css_class="comment-form__trap", aria_hidden="true"),
            "reply_to",
            "issued",
        )

    def clean_text(self):
        text = self.cleaned_data["text"]
        links = count_links(text)
        if links > settings.COMMENTS_MAX_LINKS:
            raise forms.ValidationError(
                ngettext(
                    "Your comment has %(links)d links; at most %(max)d link is allowed.",
                    "Your comment has %(links)d links; at most %(max)d links are allowed.",
                    settings.COMMENTS_MAX_LINKS,
                )
                % {"links": links, "max": settings.COMMENTS_MAX_LINKS},
                code="too_many_links",
            )
        return text

    def _check_parent(self, pk):
        # Raised for the form as a whole: reply_to is a hidden field, its own errors would not show.
        self.parent = replied_comment(article=self.article, pk=as_pk(pk))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form was filled in like a robot would. If you are not one, leave the hidden field empty."),
                code="honeypot",
            )
        self._check_stamp(cleaned.get("issued") or "")
        if cleaned.get("reply_to"):
            self._check_parent(cleaned["reply_to"])
        return cleaned

    def _check_stamp(self, stamp):
        signer = TimestampSigner(salt=STAMP_SALT)
        try:
            shown_at = int(signer.unsign(stamp, max_age=settings.COMMENTS_FORM_MAX_AGE))
        except SignatureExpired:
            raise forms.ValidationError(
                _("This form was opened more than a day ago. Your text is kept: please send it again."),
                code="stamp_expired",
            ) from None
        except (BadSignature, ValueError):
            raise forms.ValidationError(
                _("The form could not be checked. Your text is kept: please send it again."), code="stamp_invalid"
            ) from None
        if time.time() - shown_at < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Your text is kept: please read it over and send it again."),
                code="too_fast",
            )
