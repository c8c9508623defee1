"""A reader for our gettext catalogues, enough for the tests: entries, flags, plural forms.

Reads what makemessages writes (and msgmerge keeps): comments, msgctxt, msgid, msgid_plural,
msgstr and msgstr[n], strings continued over several lines, obsolete (#~) entries.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    context: str | None = None
    msgstr: list = field(default_factory=list)  # one string, or one per plural form
    flags: set = field(default_factory=set)
    references: list = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self):
        """The key Python's gettext uses in a compiled catalogue."""
        return f"{self.context}\x04{self.msgid}" if self.context is not None else self.msgid

    @property
    def is_header(self):
        return self.msgid == "" and self.context is None

    @property
    def fuzzy(self):
        return "fuzzy" in self.flags

    @property
    def translated(self):
        return bool(self.msgstr) and all(self.msgstr)


def _unquote(text):
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text!r}")
    # PO strings use C escapes, which a Python string literal reads the same way for what we write.
    return ast.literal_eval(text)


def parse(path):
    """(header fields, entries) of a .po file; the header entry is not among the entries."""
    entries, entry, target = [], Entry(), None

    def finish():
        nonlocal entry, target
        if entry.msgstr or entry.msgid or entry.context is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
            if not line or line.startswith("#"):
                continue
        elif line.startswith("#"):
            if target is not None and target[0] == "msgstr":
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                entry.references.extend(line[2:].split())
            continue
        if not line:
            if target is not None:
                finish()
            continue
        if line.startswith('"'):
            kind, index = target
            value = _unquote(line)
            if kind == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, kind, (getattr(entry, kind) or "") + value)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
            finish()
        if keyword == "msgctxt":
            entry.context, target = _unquote(rest), ("context", None)
        elif keyword in ("msgid", "msgid_plural"):
            setattr(entry, keyword, _unquote(rest))
            target = (keyword, None)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            while len(entry.msgstr) <= index:
                entry.msgstr.append("")
            entry.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}: cannot read {raw!r}")
    finish()

    header = {}
    for found in entries:
        if found.is_header and not found.obsolete:
            for header_line in found.msgstr[0].splitlines():
                name, _, value = header_line.partition(":")
                header[name.strip()] = value.strip()
    return header, [found for found in entries if not found.is_header]
