"""The allow-list for story bodies: what the editor can produce, nothing more."""

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Ours (settings.DJANGO_PROSE_EDITOR_EXTENSIONS): no inline <style>, which the CSP would refuse.
    "NoInlineStyles": True,
    "TranslatedToolbar": True,
}


def _drop_empty_titles(tag, attribute, value):
    # The link dialog sends its title field even when left empty: title="" helps nobody.
    if attribute == "title" and not value.strip():
        return None
    return value


_body_cleaner = nh3.Cleaner(
    **allowlist_from_extensions(expand_extensions(BODY_EDITOR_EXTENSIONS)), attribute_filter=_drop_empty_titles
)


def sanitize_body(html: str) -> str:
    """Strip everything the body editor cannot produce (scripts, styles, handlers)."""
    cleaned = _body_cleaner.clean(html or "")
    return "" if cleaned in ("<p></p>", "") else cleaned
