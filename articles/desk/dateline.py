"""The dateline readers see before a story's first paragraph: "MOSCOW, Dec 1 —" / "МОСКВА, 1 декабря —"."""

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from newsportal.editions import edition_get


def dateline(article):
    """The place in capitals and the day of publication in the edition's style, or "" without a place."""
    if not article.dateline_place.strip() or not article.published_at:
        return ""
    edition = edition_get(article.edition)
    with translation.override(article.edition):
        day = date_format(timezone.localtime(article.published_at), edition.dateline_format)
        place = article.dateline_place.strip().upper()
    return f"{place}, {day} —"
