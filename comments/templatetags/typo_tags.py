from django import template
from django.conf import settings

from comments.typos.forms import TypoReportForm
from comments.typos.models import TYPO_SELECTION_DB_MAX

register = template.Library()


@register.simple_tag
def typo_limits():
    """The limits the typo dialog checks before sending (the server checks them again)."""
    return {
        "max_selection": min(settings.TYPO_MAX_SELECTION, TYPO_SELECTION_DB_MAX),
        "max_comment": settings.TYPO_MAX_COMMENT,
    }


@register.simple_tag
def typo_form(article):
    """The dialog's fields for a story (the page is cached: the same for every reader)."""
    return TypoReportForm(initial={"article": article.pk})
