"""Finding stories by the words a reader types.

On PostgreSQL: full-text search over a stored, trigger-maintained vector (headline A, lead B, body C)
in the edition's text-search configuration, so "санкции" also finds "санкций"; the matching words are
highlighted by ts_headline. Elsewhere (the SQLite demo) a plain substring match stands in, headline
matches first.
"""

import hashlib
import html
import json
import logging
import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.cache import cache
from django.db import connections
from django.db.models import Case, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from newsportal.editions import edition_get
from newsportal.pagecache import SITE, store

from .models import SearchEntry

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Words of a query the substring fallback looks for; more only slows it down.
MAX_FALLBACK_WORDS = 8

# ts_headline marks matches with these private-use characters instead of tags: the snippet is escaped
# as a whole afterwards and only then do they become <mark>, so nothing from the story survives as markup.
START_SEL = "\ue000"
STOP_SEL = "\ue001"

# How long found ids are kept when the next scheduled publication is not known: a story going live
# must show in results within seconds, and nothing else would say when that is.
UNSURE_CACHE_SECONDS = 5


class PlainText(Func):
    """The text of an HTML fragment: tags become spaces, and our highlight sentinels are removed."""

    output_field = TextField()

    def __init__(self, expression):
        without_tags = Func(expression, Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace")
        super().__init__(
            without_tags, Value(f"[{START_SEL}{STOP_SEL}]"), Value(""), Value("g"), function="regexp_replace"
        )


def search_config(edition):
    """The edition's text-search configuration (newsportal/editions.py), the one its vectors are in."""
    entry = edition_get(edition)
    return entry.search_config if entry else "simple"


def search_candidates(using="default"):
    """What the search page looks through: the published stories. On PostgreSQL, their narrow copy
    (SearchEntry: id, edition, section, status, publication time and vector, in order of publication), so
    that finding the newest matches of a common word reads a few pages instead of a page per story; it
    narrows by section and dates like the stories (SearchForm.narrow) and its ids are the stories'.
    Elsewhere (the SQLite demo, no trigger fills the copy) the stories themselves."""
    if connections[using].vendor == "postgresql":
        return SearchEntry.objects.using(using).published()
    # By name: articles.models reaches this module through its querysets (Article.objects.search).
    return apps.get_model("articles", "Article").objects.using(using).published()


def search_stories(stories, query, edition):
    """`stories` of the edition matching `query`, best first, annotated for highlighting, as one queryset
    (Article.objects.search). The search page pages through ranked_ids instead and reads only the page."""
    ids = ranked_ids(stories, query, edition)
    order = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)), output_field=IntegerField())
    return highlighted(stories.filter(pk__in=ids), query, edition).order_by(order)


def ranked_ids(stories, query, edition):
    """Ids of `stories` of the edition matching `query`, best first, in one query.

    On PostgreSQL a common word matches thousands of stories; ranking (and counting) all of them is what
    made such searches slow. Only the newest settings.SEARCH_MAX_RANKED matches are ranked: news readers
    look for recent stories, and the page says when there were more.
    """
    stories = stories.filter(edition=edition)
    if connections[stories.db].vendor != "postgresql":
        return list(_substring_search(stories, query).values_list("pk", flat=True))
    config = search_config(edition)
    # websearch syntax accepts anything a reader types: quotes, "or", "-word", stray &|!:*.
    newest = (
        stories.filter(search_vector=SearchQuery(query, search_type="websearch", config=config))
        .order_by("-published_at")
        .values_list("id", "published_at", "search_vector")[: settings.SEARCH_MAX_RANKED]
    )
    newest_sql, params = newest.query.sql_with_params()
    # Ranked outside the query that finds them: ranked inside it, PostgreSQL computed ts_rank for every
    # match before keeping the newest (10,000 ranks for a common word), and an outer ORM query over "id =
    # ANY(newest)" would fetch each found row a second time. Only the ids leave the database.
    ranked_sql = (
        f"SELECT id FROM ({newest_sql}) AS newest "  # noqa: S608 (the ORM's own SQL, values are parameters)  # nosec B608
        "ORDER BY ts_rank(search_vector, websearch_to_tsquery(%s::regconfig, %s)) DESC, published_at DESC, id DESC"
    )
    with connections[stories.db].cursor() as cursor:
        cursor.execute(ranked_sql, [*params, config, query])
        return [pk for (pk,) in cursor.fetchall()]


def highlighted(stories, query, edition):
    """`stories` with their headline and an excerpt marked where they match (PostgreSQL: ts_headline;
    the substring fallback marks them in Python, see highlight)."""
    if connections[stories.db].vendor != "postgresql":
        return stories
    config = search_config(edition)
    tsquery = SearchQuery(query, search_type="websearch", config=config)
    return stories.annotate(
        search_title=SearchHeadline(
            "title", tsquery, config=config, start_sel=START_SEL, stop_sel=STOP_SEL, highlight_all=True
        ),
        search_snippet=SearchHeadline(
            Concat("lead", Value(" "), PlainText("body"), output_field=TextField()),
            tsquery,
            config=config,
            start_sel=START_SEL,
            stop_sel=STOP_SEL,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )


def in_order(stories, ids):
    """The stories with these ids, in that order: one query for a page of results. A story hidden since
    its id was found (its results kept in the cache a moment longer) is left out."""
    by_id = stories.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def query_words(query):
    return re.findall(r"\w+", query)[:MAX_FALLBACK_WORDS]


def _substring_search(stories, query):
    words = query_words(query)
    if not words:
        return stories.none()
    for word in words:
        stories = stories.filter(Q(title__icontains=word) | Q(lead__icontains=word) | Q(body__icontains=word))
    stories = stories.filter(pk__in=stories.order_by("-published_at").values("pk")[: settings.SEARCH_MAX_RANKED])
    title_hits = sum(
        (Case(When(title__icontains=word, then=1), default=0, output_field=IntegerField()) for word in words),
        start=Value(0),
    )
    return stories.annotate(search_rank=title_hits).order_by("-search_rank", "-published_at", "-id")


def marked(text, *, unescape=False):
    """Escape a ts_headline result and turn its sentinels into balanced <mark> tags."""
    if unescape:
        # The snippet comes from the body's HTML with the tags removed: entities are still there.
        text = html.unescape(text)
    out = []
    is_open = False
    for part in re.split(f"([{START_SEL}{STOP_SEL}])", text):
        if part == START_SEL:
            if not is_open:
                out.append("<mark>")
                is_open = True
        elif part == STOP_SEL:
            if is_open:
                out.append("</mark>")
                is_open = False
        else:
            out.append(escape(part))
    if is_open:
        out.append("</mark>")
    return mark_safe(" ".join("".join(out).split()))  # noqa: S308 (every piece of the story's text is escaped)  # nosec B308 B703  # nosemgrep: mark-safe


def highlight_words(text, words):
    """Escape `text` and mark every occurrence of `words` (the substring fallback's highlighting)."""
    if not words:
        return escape(text)
    # The whole word that holds a match is marked ("regional" for "region"), never a part of it.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"\w*(?:{alternatives})\w*", re.IGNORECASE)
    out = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece of the story's text is escaped)  # nosec B308 B703  # nosemgrep: mark-safe


def highlight(stories, query):
    """Give each found story `title_html` and `lead_html` with the matching words marked."""
    words = query_words(query)
    for story in stories:
        if hasattr(story, "search_snippet"):
            story.title_html = marked(story.search_title)
            story.lead_html = marked(story.search_snippet, unescape=True)
        else:
            story.title_html = highlight_words(story.title, words)
            story.lead_html = highlight_words(story.lead, words)
    return stories


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    """What a reader may narrow a search by. Sections are the edition's, passed in (already loaded)."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=SearchInput,
        error_messages={
            "max_length": _("That is too long to search for: use at most %(limit_value)d characters."),
        },
    )
    section = forms.ChoiceField(label=_("Section"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the start date as YYYY-MM-DD.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the end date as YYYY-MM-DD.")},
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", _("All sections"))] + [(s.slug, s.name) for s in sections]

    def clean_section(self):
        slug = self.cleaned_data["section"]
        return self.sections.get(slug)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned

    def matches(self, stories, edition):
        """Ids of the edition's `stories` (search_candidates) matching the search, best first (see ranked_ids)."""
        query = self.cleaned_data["q"].strip()
        data = self.cleaned_data
        # Case and spacing change neither the lexemes nor websearch's operators: one entry serves them all.
        parts = [edition, settings.SEARCH_MAX_RANKED, " ".join(query.lower().split())]
        parts += [getattr(data.get("section"), "pk", None), data.get("date_from"), data.get("date_to")]
        return remembered_ids(parts, lambda: ranked_ids(self.narrow(stories), query, edition))

    def narrow(self, stories):
        """Apply the section and date filters to found stories."""
        data = self.cleaned_data
        if data.get("section"):
            stories = stories.in_section(data["section"])
        # Days in the site's time zone, as moments: a range on published_at can use its index.
        if data.get("date_from"):
            stories = stories.filter(published_at__gte=start_of_day(data["date_from"]))
        if data.get("date_to") and data["date_to"] < date.max:
            stories = stories.filter(published_at__lt=start_of_day(data["date_to"] + timedelta(days=1)))
        return stories


def start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def remembered_ids(parts, find):
    """find(), or what it returned for the same `parts` since the last change to the site.

    Kept in the shared cache under the page cache's `site` version (docs/page-cache.md), which any
    change to a story, section or photo and a scheduled story going live make new, so a repeated
    search costs one cache get instead of the ranking query. The version is read before the
    database is, as the page cache does, so results found from data a write is replacing are
    stored under a version that write has already left behind.
    """
    if settings.SEARCH_CACHE_SECONDS <= 0:
        return find()
    found = store.read_versions([SITE], store.NEXT_DUE_KEY)
    if found is None:
        return find()
    versions, extra = found
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    key = f"{store.PREFIX}:search:{versions[SITE]}:{digest}"
    try:
        ids = cache.get(key)
    except Exception:
        logger.warning("Cache unreachable: search results not looked up", exc_info=True)
        return find()
    if ids is None:
        ids = find()
        seconds = _seconds_to_keep(versions[SITE], extra[store.NEXT_DUE_KEY])
        if seconds > 0:
            try:
                cache.set(key, ids, timeout=seconds)
            except Exception:
                logger.warning("Cache unreachable: search results not stored", exc_info=True)
    return ids


def _seconds_to_keep(site_version, next_due):
    """Until the next scheduled story goes live at most: nothing is saved then, and it must be found."""
    if next_due is None or next_due[0] != site_version:
        # Not worked out since the last change (the page cache does, when it stores a page).
        return min(settings.SEARCH_CACHE_SECONDS, UNSURE_CACHE_SECONDS)
    moment = next_due[1]
    if moment is None:
        return settings.SEARCH_CACHE_SECONDS
    return min(settings.SEARCH_CACHE_SECONDS, int(moment - timezone.now().timestamp()))
