"""Counting how often readers open each story, without a database write per page view.

A story page (cached for everyone) sends a beacon; the beacon's view adds one to a cache counter for
that story and day. `article_views_flush` (run by `manage.py flush_view_counts` from a timer, and by the
beacon itself every settings.VIEW_COUNT_FLUSH_EVERY views) moves the counts into ArticleDailyViews in
batches. The cache only has to be shared between processes (Redis in production) and to survive until
the next flush: a cache restart loses at most the views since the last one.

Cache keys, per day bucket (site time zone):
    views:<day>:<pk>        views not yet moved to the database
    views:<day>:registered:<pk>  set once the story is in the day's list below
    views:<day>:slots       how many stories were registered for the day
    views:<day>:slot:<n>    the pk of the n-th story registered (a list the flush can read back, which
                            the Django cache API cannot otherwise give: it has no "keys matching")
"""

from contextlib import suppress
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsportal import pagecache

from ..models import Article, ArticleDailyViews

FLUSH_LOCK = "views:flush-lock"
SINCE_FLUSH = "views:since-flush"


def _day(day):
    return day.strftime("%Y%m%d")


def counter_key(day, pk):
    return f"views:{_day(day)}:{pk}"


def registered_key(day, pk):
    return f"views:{_day(day)}:registered:{pk}"


def slots_key(day):
    return f"views:{_day(day)}:slots"


def slot_key(day, number):
    return f"views:{_day(day)}:slot:{number}"


def _incr(key, timeout):
    """Add one to a cache counter and return its new value (1 when this call created it)."""
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)  # another process created it in between


def article_view_count(*, article_id):
    """One reader opened the story: count it in the cache (no database access, except a flush now and then)."""
    day = timezone.localdate()
    timeout = settings.VIEW_COUNT_CACHE_TTL
    # A counter at 1 is new today, or was emptied by a flush: register the story for flushes unless it is.
    if _incr(counter_key(day, article_id), timeout) == 1 and cache.add(registered_key(day, article_id), 1, timeout):
        cache.set(slot_key(day, _incr(slots_key(day), timeout)), article_id, timeout)
    every = settings.VIEW_COUNT_FLUSH_EVERY
    if every and _incr(SINCE_FLUSH, None) % every == 0:
        article_views_flush()


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def article_views_flush(*, days=2, batch_size=500):
    """Move the cached counts of the last `days` days into ArticleDailyViews; returns the views moved.

    Only one flush runs at a time (a cache lock), so reading a day's stored count and writing it back
    plus the new views cannot lose another flush's update. Counters are decreased by what was moved,
    after the database has it, so views counted meanwhile wait for the next flush.
    """
    if not cache.add(FLUSH_LOCK, 1, settings.VIEW_COUNT_FLUSH_LOCK_TTL):
        return 0
    moved = 0
    try:
        today = timezone.localdate()
        for offset in range(days):
            moved += _flush_day(today - timedelta(days=offset), batch_size)
    finally:
        cache.delete(FLUSH_LOCK)
    if moved:
        pagecache.home_lists_changed()
    return moved


def _flush_day(day, batch_size):
    registered = cache.get(slots_key(day)) or 0
    pks = set()
    for numbers in _chunks(range(1, registered + 1), 1000):
        pks.update(cache.get_many([slot_key(day, n) for n in numbers]).values())
    moved = 0
    for batch in _chunks(sorted(pks), batch_size):
        keys = {counter_key(day, pk): pk for pk in batch}
        counts = {keys[key]: count for key, count in cache.get_many(list(keys)).items() if count and count > 0}
        if not counts:
            continue
        with transaction.atomic():
            known = set(Article.objects.filter(pk__in=counts).values_list("pk", flat=True))
            stored = dict(
                ArticleDailyViews.objects.filter(date=day, article_id__in=known).values_list("article_id", "views")
            )
            ArticleDailyViews.objects.bulk_create(
                [
                    ArticleDailyViews(article_id=pk, date=day, views=stored.get(pk, 0) + count)
                    for pk, count in counts.items()
                    if pk in known
                ],
                update_conflicts=True,
                unique_fields=["article", "date"],
                update_fields=["views"],
            )
        for pk, count in counts.items():
            with suppress(ValueError):  # expired meanwhile: nothing left to subtract from
                cache.decr(counter_key(day, pk), count)
            if pk in known:
                moved += count
    return moved


def most_read(stories, *, top=5):
    """The most read of `stories` today and this week (the last seven days), as two lists."""
    today = timezone.localdate()
    rows = list(stories.most_read(today=today, since=today - timedelta(days=6), top=top).select_related("section"))
    today_list = sorted((r for r in rows if r.today_rank <= top and r.views_today), key=lambda r: r.today_rank)
    week_list = sorted((r for r in rows if r.total_rank <= top), key=lambda r: r.total_rank)
    return today_list, week_list
