"""Stories any page may offer when it has none of its own (the "page not found" page)."""

import logging

from django import template
from django.db import DatabaseError

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def newest_stories(count=6):
    """The edition's newest stories, in one query; none when the database cannot answer (a missing page
    must stay a 404, never become a 500)."""
    from articles.pages import edition_stories

    try:
        return list(edition_stories().with_cards()[:count])
    except DatabaseError:
        logger.warning("Newest stories unavailable for an error page", exc_info=True)
        return []
