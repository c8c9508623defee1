"""Comment text is plain text: escaped first, then links made clickable, line breaks kept."""

from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

# Readers' links are theirs, not ours: search engines should not count them and
# the opened page must not get a handle on ours.
LINK_REL = 'rel="nofollow ugc noopener"'
URL_DISPLAY_LIMIT = 60


def _linked(text):
    # autoescape=True escapes everything that is not a link, quotes included, so the
    # replace below can only ever touch the attribute urlize itself wrote.
    return urlize(text, trim_url_limit=URL_DISPLAY_LIMIT, nofollow=True, autoescape=True).replace(
        'rel="nofollow"', LINK_REL
    )


def render_comment_text(text):
    """Safe HTML for a comment: no markup of the reader's survives, only links and paragraphs we make."""
    return mark_safe(linebreaks(_linked(text), autoescape=False))  # noqa: S308 - escaped by urlize above  # nosec B308 B703  # nosemgrep: mark-safe


def count_links(text):
    """How many links the text would show (the same rules as rendering, so readers and limits agree)."""
    return _linked(text).count("<a ")
