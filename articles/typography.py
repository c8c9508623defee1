"""Russian typography for what readers see: «ёлочки» for typed straight quotes („лапки“ inside), a
non-breaking space after one- and two-letter words and before a dash, so that a line never ends on
"в" or starts with "—".

Applied on render (the stored text stays as editors typed it: search, the API and the editor see
the same words), and only to the Russian edition. Bodies are HTML: only text nodes change, never a
tag or an attribute, and nothing inside <code> or <pre>.
"""

import re
from html import escape
from html.parser import HTMLParser

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

NBSP = "\u00a0"
EDITIONS = frozenset({"ru"})

# A one- or two-letter Cyrillic word ("в", "на", "не"), not the end of a longer word or of a
# hyphenated one ("из-за" keeps its own rules), followed by a space and more text. English words
# inside Russian text are left alone: their typography is not ours to decide.
SHORT_WORD = re.compile(r"(?<![\w\-\u00ad])([а-яёА-ЯЁ]{1,2}) (?=\S)")
# A space before a dash (an em dash, an en dash, or a hyphen typed between spaces) binds the dash to
# the word before it; a typed " - " becomes the em dash Russian uses.
DASH = re.compile(r"(?<=\S) +([—–]|-(?= ))")

QUOTE_OPENERS = "«„"
QUOTE_CLOSERS = "»“"
# What may stand right before an opening quote.
OPENING_CONTEXT = set(" \t\n\r\u00a0([{«„—–-/") | {""}

# Tags whose contents are code, not prose; and tags that end a run of text (a paragraph, a cell):
# quotes never pair across them and no word is joined to the next block's.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
BLOCKS = frozenset(
    {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "td", "th", "tr",
     "table", "figure", "figcaption", "hr", "section", "article", "dd", "dt"}
)  # fmt: skip


def typeset_text(text):
    """Plain text (a headline, a lead) set in Russian typography: the same number of characters."""
    return "".join(_typeset_runs([text]))


def typeset_html(markup):
    """HTML whose text nodes are set in Russian typography; tags and attributes are left as they were."""
    parser = _Splitter()
    parser.feed(markup)
    parser.close()
    for run in parser.runs:
        texts = [parser.parts[index][1] for index in run]
        for index, text in zip(run, _typeset_runs(texts), strict=True):
            parser.parts[index] = ("text", text)
    return "".join(escape(value, quote=False) if kind == "text" else value for kind, value in parser.parts)


def plain_for_edition(text, edition):
    """Plain text for a machine reader (link previews, JSON-LD), set for its edition and not escaped."""
    text = str(text or "")
    return typeset_text(text) if edition in EDITIONS else text


def for_edition(value, edition, *, html=False):
    """A template's value set for its edition: escaped (or, for HTML, as given) and marked safe."""
    if html:
        markup = str(value or "")
        return mark_safe(typeset_html(markup) if edition in EDITIONS else markup)  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe
    if edition not in EDITIONS:
        return conditional_escape(value)
    return mark_safe(escape(typeset_text(str(value or "")), quote=True))  # noqa: S308  # nosec B308 B703  # nosemgrep: mark-safe


def _typeset_runs(texts):
    """Text nodes of one block, set as one text: a rule may cross a node (`в <a>Индии</a>`), and every
    change keeps lengths, so each node gets back exactly its own characters."""
    joined = _quotes("".join(texts))
    spaced = DASH.sub(_bind_dash, joined)
    spaced = SHORT_WORD.sub(lambda match: match.group(1) + NBSP, spaced)
    pieces, start = [], 0
    for text in texts:
        pieces.append(spaced[start : start + len(text)])
        start += len(text)
    return pieces


def _bind_dash(match):
    spaces, dash = match.group(0)[: -len(match.group(1))], match.group(1)
    if dash == "-":
        # A hyphen between numbers ("10 - 15") is a range, not a dash: left as typed.
        before, after = match.string[match.start() - 1], match.string[match.end() + 1 : match.end() + 2]
        if before.isdigit() and after.isdigit():
            return match.group(0)
        dash = "—"
    return NBSP * len(spaces) + dash


def _quotes(text):
    """Straight double quotes turned into «» outside and „“ inside, balanced: a quote that opens and
    never closes (or closes what never opened, as in 12" for inches) stays as typed."""
    chars = list(text)
    stack = []  # (position, typed) of the quotes open now, typed or already curly
    for position, char in enumerate(chars):
        before = chars[position - 1] if position else ""
        after = chars[position + 1] if position + 1 < len(chars) else ""
        if char in QUOTE_OPENERS:
            stack.append((position, False))
        elif char in QUOTE_CLOSERS:
            if stack:
                stack.pop()
        elif char == '"':
            opens = before in OPENING_CONTEXT
            if opens and after and not after.isspace():
                chars[position] = "«" if not stack else "„"
                stack.append((position, True))
            elif stack and stack[-1][1] and (not before.isspace()):
                opened, _ = stack.pop()
                chars[position] = "»" if chars[opened] == "«" else "“"
    for position, typed in stack:
        if typed:
            chars[position] = '"'
    return "".join(chars)


class _Splitter(HTMLParser):
    """Splits HTML into tags (kept verbatim) and text nodes (unescaped), and groups the text nodes of
    each block into runs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.runs = [[]]
        self.verbatim = 0

    def _tag(self, raw, name):
        self.parts.append(("tag", raw))
        if name in BLOCKS:
            self.runs.append([])

    def handle_starttag(self, tag, attrs):
        self._tag(self.get_starttag_text(), tag)
        if tag in VERBATIM:
            self.verbatim += 1

    def handle_startendtag(self, tag, attrs):
        self._tag(self.get_starttag_text(), tag)

    def handle_endtag(self, tag):
        self._tag(f"</{tag}>", tag)
        if tag in VERBATIM and self.verbatim:
            self.verbatim -= 1

    def handle_data(self, data):
        if self.verbatim:
            self.parts.append(("tag", escape(data, quote=False)))
            return
        self.runs[-1].append(len(self.parts))
        self.parts.append(("text", data))

    def handle_comment(self, data):
        self.parts.append(("tag", f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.parts.append(("tag", f"<!{decl}>"))

    def unknown_decl(self, data):
        self.parts.append(("tag", f"<![{data}]>"))

    def handle_pi(self, data):
        self.parts.append(("tag", f"<?{data}>"))
