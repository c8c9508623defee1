"""Typo reports: what readers send and what happens to reports when editors fix a story."""

import html
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Concat, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from .models import TYPO_CONTEXT_CHARS, TypoReport

# Tags that start a new line of text on the page: a selection across them reads as words
# separated by a space, while inline tags (<em>, <a>) join letters with nothing between.
BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|br|hr|table|thead|tbody|tfoot|tr|td|th|"
    r"figure|figcaption|section|article|aside|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
ANY_TAG = re.compile(r"<[^>]*>")
WHITESPACE = re.compile(r"\s+")

# Comments of merged reports are joined until the field reaches this size; later ones
# are counted but not kept (an editor needs the gist, not a flood).
MERGED_COMMENTS_MAX = 4000


def collapse_whitespace(text):
    """Runs of whitespace become one space, as the browser renders them (ends are kept)."""
    return WHITESPACE.sub(" ", text)


def normalize_selection(text):
    return collapse_whitespace(text).strip()


def story_blocks(article):
    """The story's text as a reader sees it, one entry per block (headline, lead, paragraphs)."""
    body = BLOCK_TAG.sub("\n", article.body or "")
    body = html.unescape(ANY_TAG.sub("", body))
    blocks = [article.title, article.lead, *body.split("\n")]
    return [text for text in (normalize_selection(block) for block in blocks) if text]


def story_text(article):
    """Headline, lead and body as plain text with whitespace normalised: what a selection is looked up in."""
    return " ".join(story_blocks(article))


@dataclass(frozen=True)
class Occurrence:
    before: str  # text of the same block before the selection
    after: str  # text of the same block after the selection
    parts: list  # the selection cut at block boundaries (one item unless it spans paragraphs)


def find_in_story(article, selection, *, before=""):
    """Where the selection stands in the story, or None.

    When it occurs more than once, the occurrence whose preceding text ends like
    the reader's context wins. Blocks are joined with one character either way
    ("\n" or " "), so positions in both joins agree.
    """
    joined = "\n".join(story_blocks(article))
    flat = joined.replace("\n", " ")
    if not selection:
        return None
    before = normalize_selection(before)
    found = None
    start = flat.find(selection)
    while start != -1:
        if found is None:
            found = start
        if before and flat[:start].rstrip().endswith(before):
            found = start
            break
        start = flat.find(selection, start + 1)
    if found is None:
        return None
    end = found + len(selection)
    return Occurrence(
        before=joined[:found].rsplit("\n", 1)[-1],
        after=joined[end:].split("\n", 1)[0],
        parts=[part for part in (p.strip() for p in joined[found:end].split("\n")) if part],
    )


def safe_report_url(url, *, story_url):
    """The page the report came from, if it is this story's page on our site; else the story's address.

    Query and fragment are dropped: they may carry anything, and editors only need the page.
    """
    sent = urlsplit(url or "")
    ours = urlsplit(story_url)
    if sent.scheme in {"http", "https"} and sent.netloc == ours.netloc and sent.path == ours.path:
        return urlunsplit((sent.scheme, sent.netloc, sent.path, "", ""))
    return story_url


def typo_report_create(*, article, selection, before, after, comment, url, ip_hash):
    """Store a reader's typo report, or count it on the open report of the same text.

    Returns (report, created). The text is looked up in the story: when it is not
    there (already fixed, or selected outside the story text) the report is kept
    and flagged, so an editor can still judge it.
    """
    selection = normalize_selection(selection)
    comment = comment.strip()
    before = collapse_whitespace(before).lstrip()[-TYPO_CONTEXT_CHARS:]
    after = collapse_whitespace(after).rstrip()[:TYPO_CONTEXT_CHARS]
    occurrence = find_in_story(article, selection, before=before)
    if occurrence is not None and not (before or after):
        # Typed in by a keyboard reader: take the context from the story itself.
        before = occurrence.before[-TYPO_CONTEXT_CHARS:]
        after = occurrence.after[:TYPO_CONTEXT_CHARS]

    with transaction.atomic():
        report = _count_repeat(article=article, selection=selection, comment=comment)
        if report is not None:
            return report, False
        try:
            with transaction.atomic():
                report = TypoReport.objects.create(
                    article=article,
                    selection=selection,
                    context_before=before,
                    context_after=after,
                    comment=comment,
                    url=url,
                    ip_hash=ip_hash,
                    text_missing=occurrence is None,
                )
        except IntegrityError:
            # Another reader's report of the same text won the race: count this one on it.
            report = _count_repeat(article=article, selection=selection, comment=comment)
            if report is None:
                raise
            return report, False
    return report, True


def _count_repeat(*, article, selection, comment):
    """Add one report to the open report of this text, atomically; None when there is none."""
    changes = {"report_count": F("report_count") + 1, "last_reported_at": timezone.now()}
    if comment:
        changes["comment"] = Case(
            When(comment="", then=Value(comment)),
            When(
                LessThanOrEqual(Length("comment"), MERGED_COMMENTS_MAX - len(comment) - 2),
                then=Concat(F("comment"), Value("\n\n"), Value(comment), output_field=TextField()),
            ),
            default=F("comment"),
            output_field=TextField(),
        )
    repeats = TypoReport.objects.open().filter(article=article, selection=selection)
    if not repeats.update(**changes):
        return None
    return repeats.get()


def typo_reports_resolve(*, article):
    """Mark fixed the open reports whose text is no longer in the story; returns how many.

    Run by articles.services.article_save after every change to a story (registered in
    CommentsConfig.ready). Reports whose text was not in the story when sent are left to an
    editor: nothing an editor did made that text disappear.
    """
    reports = list(TypoReport.objects.open().for_story(article).filter(text_missing=False).only("pk", "selection"))
    if not reports:
        return 0
    text = story_text(article)
    gone = [report.pk for report in reports if report.selection not in text]
    if not gone:
        return 0
    return TypoReport.objects.filter(pk__in=gone).update(status=TypoReport.Status.FIXED, resolved_at=timezone.now())


def typo_reports_set_status(reports, status):
    """The editors' bulk actions: close reports as fixed or rejected (only open ones change)."""
    return reports.open().update(status=status, resolved_at=timezone.now())


def _fragment_term(text):
    # Text directives separate their parts with "," and mark prefix/suffix with "-":
    # both must be percent-encoded inside a term, as must "&".
    return quote(text, safe="").replace("-", "%2D")


def _words(text, count, *, last=False):
    words = text.split()
    return " ".join(words[-count:] if last else words[:count])


FRAGMENT_CONTEXT_WORDS = 3
FRAGMENT_WHOLE_WORDS = 8


def text_fragment(article, report):
    """A `#:~:text=` fragment that scrolls the story to the reported text and highlights it.

    Every part stays within one paragraph (browsers do not match a term across
    blocks); prefix and suffix words pick the right occurrence of a common word.
    """
    occurrence = find_in_story(article, report.selection, before=report.context_before)
    if occurrence is None:
        return ":~:text=" + _fragment_term(report.selection)
    parts = occurrence.parts
    if len(parts) == 1 and len(parts[0].split()) <= FRAGMENT_WHOLE_WORDS:
        terms = [_fragment_term(parts[0])]
    else:
        first = _words(parts[0], FRAGMENT_CONTEXT_WORDS)
        last = _words(parts[-1], FRAGMENT_CONTEXT_WORDS, last=True)
        terms = [_fragment_term(first), _fragment_term(last)]
    prefix = _words(occurrence.before, FRAGMENT_CONTEXT_WORDS, last=True)
    suffix = _words(occurrence.after, FRAGMENT_CONTEXT_WORDS)
    if prefix:
        terms.insert(0, _fragment_term(prefix) + "-")
    if suffix:
        terms.append("-" + _fragment_term(suffix))
    return ":~:text=" + ",".join(terms)
