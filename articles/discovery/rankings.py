"""The home page's ranked lists, computed off the request path.

"Most read", "Top rated this week" and "Most discussed this week" count views, votes or comments over
many rows. `rankings_refresh` does that once a minute (articles.tasks) and writes the few winners of
each edition into the Ranking table; a page reads them back in one small query, and a story that
stops being visible (unpublished, withdrawn) drops out of the lists at once because the read checks it.

Without a job runner (the demo under runserver) the first page after RANKINGS_MAX_AGE seconds without
a refresh recomputes the lists itself, so they are never older than that.

Lists counted from another app's rows ("most discussed" counts comments) are registered by that app
(`ranking_register`, from its AppConfig.ready): articles never imports the apps built on it.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ..models import Article, Ranking

MOST_READ_TOP = 5
TOP_RATED_TOP = 5
COUNTED_TOP = 5  # the lists of ranking_register
# "This week" in every list: the last seven days, like "this week" elsewhere on the site.
WEEK_DAYS = 7

FRESH_KEY = "rankings:fresh:{edition}"

# {kind: count(stories, *, since, top) -> [(article_id, value), …] best first} of the lists other apps count.
_counters: dict[str, Callable[..., list[tuple[int, int]]]] = {}


def ranking_register(*, kind, count):
    """Have `count` fill the list `kind` (a Ranking.Kind) at every refresh; registering it again replaces it.

    `count(stories, since=…, top=…)` gets the edition's live stories and the start of the week, and
    returns at most `top` (article_id, value) pairs, best first.
    """
    _counters[kind] = count


def _editions():
    return [code for code, _name in settings.LANGUAGES]


def _compute(edition):
    """The places of every list of `edition`: {kind: [(article_id, value), …]}, best first."""
    from .viewcounts import most_read

    now = timezone.now()
    stories = Article.objects.published().in_edition(edition)
    week_start = now - timedelta(days=WEEK_DAYS)
    today, week = most_read(stories, top=MOST_READ_TOP)
    rated = stories.top_rated(since=week_start)[:TOP_RATED_TOP]
    lists = {
        Ranking.Kind.MOST_READ_TODAY: [(story.pk, story.views_today) for story in today],
        Ranking.Kind.MOST_READ_WEEK: [(story.pk, story.views_total) for story in week],
        Ranking.Kind.TOP_RATED: [(story.pk, story.rating_count) for story in rated],
    }
    for kind, count in _counters.items():
        lists[kind] = count(stories, since=week_start, top=COUNTED_TOP)
    return lists


def rankings_refresh(*, editions=None):
    """Recompute the ranked lists of `editions` (all by default) and store them; returns the places written."""
    written = 0
    for edition in editions or _editions():
        lists = _compute(edition)
        places = [
            Ranking(edition=edition, kind=kind, position=position, article_id=pk, value=value or 0)
            for kind, rows in lists.items()
            for position, (pk, value) in enumerate(rows, start=1)
        ]
        with transaction.atomic():
            Ranking.objects.filter(edition=edition).delete()
            Ranking.objects.bulk_create(places)
        cache.set(FRESH_KEY.format(edition=edition), timezone.now().timestamp(), settings.RANKINGS_MAX_AGE)
        written += len(places)
    return written


def rankings_keep_fresh(edition):
    """Recompute the edition's lists if no refresh has run for RANKINGS_MAX_AGE seconds (no job runner).

    Returns when they were last computed (a timestamp; None with the cache unreachable): blocks that
    show them are kept under it, so a refresh shows at once whoever ran it.
    """
    key = FRESH_KEY.format(edition=edition)
    stamp = cache.get(key)
    if stamp is None:
        rankings_refresh(editions=[edition])
        stamp = cache.get(key)
    return stamp


def edition_rankings(edition, *, refresh=True):
    """{kind: [story, …]} of the edition, each story a live one with `ranked_value` set; one query.

    Recomputed here first (unless refresh=False: the caller did) only if no refresh has run for
    RANKINGS_MAX_AGE seconds.
    """
    if refresh:
        rankings_keep_fresh(edition)
    places = (
        Ranking.objects.filter(edition=edition)
        .filter(article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now())
        .select_related("article__section")
        .only(
            "kind",
            "value",
            "article__title",
            "article__slug",
            "article__edition",
            "article__rating_count",
            "article__rating_sum",
            "article__section__slug",
            "article__section__edition",
        )
        .order_by("kind", "position")
    )
    lists = {kind: [] for kind in Ranking.Kind.values}
    for place in places:
        place.article.ranked_value = place.value
        lists[place.kind].append(place.article)
    return lists
