from django import template
from django.conf import settings

from comments.typos import TYPO_SELECTION_DB_MAX

register = template.Library()


@register.simple_tag
def typo_limits():
    """The limits the typo dialog checks before sending (the server checks them again)."""
    return {
        "max_selection": min(settings.TYPO_MAX_SELECTION, TYPO_SELECTION_DB_MAX),
        "max_comment": settings.TYPO_MAX_COMMENT,
    }
