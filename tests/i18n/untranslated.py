"""Finding English interface text left on a Russian page.

The English side of our catalogue is the list of what to look for: any of its messages showing
on a Russian page means a string was never marked, never translated, or rendered in the wrong
language. Stories in the tests are Russian, so English found on the page is interface, not content.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from .pofile import parse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"

# Placeholders and markup split a message into the literal pieces a page can show.
_SPLIT = re.compile(r"%\(\w+\)[sdi]|%[sd]|\{\w+\}|<[^>]+>|[“”«»]")
# A piece worth looking for: a word of four letters or more, so "of" or "By" do not match Russian pages' URLs.
_WORDY = re.compile(r"[A-Za-z]{4,}")

# Attributes whose values readers see or hear: tooltips, screen readers, placeholders; and, when they
# hold words rather than an address, button values, meta descriptions and messages scripts show (data-*).
_READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
_READ_WHEN_WORDS = {"value", "content"}
_SKIPPED_ELEMENTS = {"script", "style", "template"}
_MACHINE_META = {"viewport", "robots"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@cache
def english_fragments():
    """Literal pieces of every English message our Russian catalogue translates differently."""
    return _fragments(parse(CATALOGUE)[1])


def _fragments(entries):
    pieces = set()
    for entry in entries:
        if entry.obsolete or entry.context and "format" in entry.context:
            continue
        for english in filter(None, (entry.msgid, entry.msgid_plural)):
            if english in entry.msgstr:  # the same in both languages: a brand or a format
                continue
            for piece in _SPLIT.split(english):
                piece = " ".join(piece.split()).strip(" .,:;()")
                # Lone lowercase words are the admin's field names ("name", "image"): too common in URLs.
                if _WORDY.search(piece) and (" " in piece or piece[0].isupper()):
                    pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


class _VisibleText(HTMLParser):
    """Text and read-aloud attributes of the page, minus elements in another language (e.g. "English")."""

    def __init__(self, page_language):
        super().__init__(convert_charrefs=True)
        self.page_language = page_language
        self.stack = []  # (tag, hidden) per open element
        self.chunks = []

    @property
    def hidden(self):
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        hidden = tag in _SKIPPED_ELEMENTS or (lang is not None and lang != self.page_language and tag != "html")
        # "width=device-width" and "noindex, follow" are for browsers and crawlers, not readers.
        if not hidden and not self.hidden and not (tag == "meta" and attrs.get("name") in _MACHINE_META):
            for name, value in attrs.items():
                words = " " in value.strip() if value else False
                if value and (
                    name in _READ_ATTRIBUTES or words and (name in _READ_WHEN_WORDS or name.startswith("data-"))
                ):
                    self.chunks.append(value)
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.chunks.append(data)


def visible_text(html, page_language="ru"):
    parser = _VisibleText(page_language)
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.chunks).split())


def english_left(html, page_language="ru", fragments=None):
    """English interface messages (pieces of them) found in what a reader of the page sees, longest first.

    `fragments` defaults to the catalogue's; extracted_english_fragments() adds the code's own strings.
    """
    text = visible_text(html, page_language)
    found = []
    for piece in english_fragments() if fragments is None else fragments:
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(piece)}(?![A-Za-z])")
        if pattern.search(text):
            found.append(piece)
            text = pattern.sub(" ", text)  # report "Add comment", not also "comment"
    return found


# Latin-script words a Russian page may show outside story content: names that are the same in every
# language (the agency's brand, feed formats, the other edition's code). Anything else in Latin letters
# on a Russian page with Russian stories is interface text nobody translated, whether or not it ever
# reached the catalogue.
LATIN_ALLOWED = {"Newsportal", "RSS", "Atom", "EN", "RU", "Telegram", "Facebook", "Ctrl", "Enter"}
_LATIN_WORD = re.compile(r"(?<![\w@/-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w@/-])")
# Addresses, e-mail addresses and host names, and the {placeholders} scripts fill in.
_NOT_WORDS = re.compile(r"\S+://\S+|\S+@\S+|[\w-]+(?:\.[\w-]+)+\S*|\{\w+\}")


def latin_words(html, page_language="ru"):
    """Latin-script words of two letters or more in what a reader of the page sees, minus LATIN_ALLOWED."""
    text = _NOT_WORDS.sub(" ", visible_text(html, page_language))
    return sorted({word for word in _LATIN_WORD.findall(text) if word not in LATIN_ALLOWED})


@cache
def extracted_english_fragments(extracted_po):
    """The catalogue's fragments plus those of a catalogue freshly extracted from the code (makemessages),
    so a string marked for translation but missing from locale/ is looked for too."""
    extracted = _fragments(parse(Path(extracted_po))[1])
    return sorted(set(english_fragments()) | set(extracted), key=len, reverse=True)
