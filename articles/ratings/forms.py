from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy

from ..models import Vote

INVALID_SCORE = gettext_lazy("Choose a score from 1 to 5 stars.")


class RatingForm(forms.Form):
    """ "Rate it": one score, 1 to 5, shown as stars (crispy_newsportal/layout/stars.html)."""

    score = forms.TypedChoiceField(
        label=gettext_lazy("Rate it"),
        choices=[(score, score) for score in Vote.SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": INVALID_SCORE, "invalid_choice": INVALID_SCORE},
    )

    def __init__(self, *args, article, **kwargs):
        # Ids per story: a page may show more than one widget.
        super().__init__(*args, auto_id=f"rating-{article.pk}-%s", **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the widget writes <form>: the story page is cached, without a token
        self.helper.disable_csrf = True
        # The widget says what went wrong in its status line, which scripts update too.
        self.helper.form_show_errors = False
        self.helper.layout = Layout(Field("score", template="crispy_newsportal/layout/stars.html"))
