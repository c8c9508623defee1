"""The attack corpus (payloads.json) and what a page that held against it looks like."""

import json
import os
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).with_name("payloads.json")
# The attribute a breakout payload tries to smuggle in as markup, and the call a script payload makes.
CANARY_ATTRIBUTE = "data-np-xss"
CANARY_CALL = "np-xss"


@cache
def payloads():
    """(id, text) for every payload, huge ones expanded; ids are category-number, for test ids."""
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    found = []
    for category, entries in data.items():
        if category.startswith("_"):
            continue
        for number, entry in enumerate(entries):
            text = entry["repeat"] * entry["times"] if isinstance(entry, dict) else entry
            found.append((f"{category}-{number}", text))
    return tuple(found)


# The reader inputs get the whole corpus in every run (tests/attacks/test_payloads.py, about a minute);
# the Chromium run of every editor field gets the first QUICK_PER_KIND payloads of each kind in `make
# test`, and all of them with ATTACK_CORPUS=full (make audit).
QUICK_PER_KIND = 2


def selected():
    if os.environ.get("ATTACK_CORPUS", "quick") == "full":
        return payloads()
    return tuple(
        (payload_id, text) for payload_id, text in payloads() if int(payload_id.rsplit("-", 1)[1]) < QUICK_PER_KIND
    )


def payload_texts(*, full=False):
    return [text for _id, text in (payloads() if full else selected())]


def payload_ids(*, full=False):
    return [payload_id for payload_id, _text in (payloads() if full else selected())]


class _Markup(HTMLParser):
    """Elements and attributes as a browser's tokenizer sees them (text inside <script>/<style> is data)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.smuggled = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == CANARY_ATTRIBUTE:
                self.smuggled.append(f"<{tag} {name}>")
            elif name.startswith("on") and value and CANARY_CALL in value:
                self.smuggled.append(f"<{tag} {name}=…>")
            elif name in ("href", "src", "action", "formaction", "data", "srcdoc") and value:
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if squeezed.startswith(("javascript:", "data:text/html", "vbscript:")) or (
                    name == "srcdoc" and CANARY_CALL in value
                ):
                    self.smuggled.append(f"<{tag} {name}={value[:60]!r}>")

    handle_startendtag = handle_starttag


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def smuggled_markup(html):
    """Markup a payload managed to add to the page: canary attributes, event handlers, script addresses,
    and inline scripts carrying the payload's call. Empty for a page that held."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    found = list(parser.smuggled)
    for attributes, body in _SCRIPT.findall(html):
        if CANARY_CALL in body and "json" not in attributes:
            found.append(f"<script>{body[:60]}</script>")
    return found
