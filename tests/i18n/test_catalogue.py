"""The Russian catalogue: complete, with Russian plural forms, compiled, and covering every string in the code."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from .pofile import parse

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "ru" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}|<[^>]+>")


@pytest.fixture(scope="module")
def catalogue():
    return parse(PO)


def russian_form(plural_forms, n):
    """Which plural form the catalogue's formula picks for n (the C expression, run as Python)."""
    expression = plural_forms.split("plural=", 1)[1].rstrip(";")
    return gettext.c2py(expression)(n)


def test_header_declares_russian_and_its_three_plural_forms(catalogue):
    header, _entries = catalogue
    assert header["Language"] == "ru"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert "nplurals=3;" in header["Plural-Forms"]
    forms = {n: russian_form(header["Plural-Forms"], n) for n in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)}
    # 1 комментарий, 2 комментария, 5 комментариев; 11–14 take the third form, 21 the first again.
    assert forms == {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 101: 0, 111: 2}


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    _header, entries = catalogue
    live = [entry for entry in entries if not entry.obsolete]
    assert live
    assert [entry.msgid for entry in live if entry.fuzzy] == []
    assert [entry.msgid for entry in live if not entry.translated] == []
    assert [entry.msgid for entry in live if entry.msgid_plural and len(entry.msgstr) != 3] == []


def test_translations_keep_placeholders_and_markup(catalogue):
    _header, entries = catalogue
    broken = []
    for entry in entries:
        if entry.obsolete:
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid)))
        for form in entry.msgstr:
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                broken.append((entry.msgid, form))
    assert broken == []


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """The .mo is committed (no gettext needed to install or run): it must say what the .po says.

    After editing the .po: `make messages` (or `python manage.py compilemessages -l ru -i .venv`).
    """
    _header, entries = catalogue
    with MO.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    expected = {}
    for entry in entries:
        if entry.obsolete or entry.fuzzy:
            continue
        if entry.msgid_plural:
            expected.update({(entry.key, n): form for n, form in enumerate(entry.msgstr)})
        else:
            expected[entry.key] = entry.msgstr[0]
    stale = {key: (value, mo._catalog.get(key)) for key, value in expected.items() if mo._catalog.get(key) != value}
    extra = set(mo._catalog) - set(expected) - {""}
    assert stale == {}, "the .mo is older than the .po: run `make messages`"
    assert extra == set(), "the .mo has messages the .po no longer has: run `make messages`"


def test_catalogue_has_every_string_of_the_code(extracted_catalogue):
    """makemessages over a copy of the code finds nothing new: every marked string is translated."""
    _header, entries = parse(extracted_catalogue)
    missing = [entry.msgid for entry in entries if not entry.obsolete and (entry.fuzzy or not entry.translated)]
    assert missing == [], "new or changed strings: run `make messages` and translate them in locale/ru"
