"""What readers did with the showcase: comments with replies and editor's picks, votes and views, so a
fresh install shows "Most read", "Top rated" and "Most discussed" and discussions under its stories.

Written straight into the tables as the bulk seed does, then the ranked lists are refreshed once.
"""

import random
from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles.discovery.rankings import rankings_refresh
from articles.models import Article, ArticleDailyViews, Vote
from comments.models import Comment

from .discussions import demo_comments_bulk

SHOWCASE_COMMENTS = 1500
# A story is read most on its first day, then less each day after by this factor.
VIEWS_DAILY_DECAY = 0.45
VIEWS_DAYS = 14
# Top-level comments a discussion needs before an editor picks one of them.
PICK_FROM = 3


def demo_readers_seed(*, story_ids, comments=SHOWCASE_COMMENTS, now=None):
    """`comments` more comments over the live stories, votes and daily views on the live ones of
    `story_ids` (the stories just written), then the ranked lists refreshed.

    Returns (comments written, votes written, daily view rows written).
    """
    now = now or timezone.now()
    rng = random.Random("newsportal-demo-readers")  # noqa: S311 - reproducible demo content, not secrets
    written = demo_comments_bulk(total=Comment.objects.count() + comments, batch_size=5000, now=now)
    _editors_pick(rng)
    live = list(
        Article.objects.published()
        .filter(pk__in=story_ids, published_at__lte=now)
        .order_by("pk")
        .values_list("pk", "published_at")
    )
    with transaction.atomic():
        votes = _votes(rng, live)
        views = _daily_views(rng, live, now)
    rankings_refresh()
    return written, votes, views


def _editors_pick(rng):
    """One top-level comment of each discussion with a few of them becomes an editor's pick."""
    by_story = defaultdict(list)
    for pk, story_id in Comment.objects.visible().filter(parent__isnull=True).values_list("pk", "article_id"):
        by_story[story_id].append(pk)
    picks = [rng.choice(pks) for pks in by_story.values() if len(pks) >= PICK_FROM]
    Comment.objects.filter(pk__in=picks).update(is_pick=True)


def _votes(rng, live):
    """Anonymous readers' votes around each story's own mean score; the stories' totals match the rows."""
    votes, totals = [], {}
    for story_id, _published_at in live:
        mean = rng.uniform(2.6, 4.7)
        scores = [
            min(5, max(1, round(rng.gauss(mean, 0.9)))) for _ in range(min(300, int(rng.paretovariate(1.4) * 6) - 4))
        ]
        votes += [
            Vote(article_id=story_id, anonymous_id=f"demo-reader-{number}", score=score)
            for number, score in enumerate(scores)
        ]
        totals[story_id] = (len(scores), sum(scores))
    Vote.objects.bulk_create(votes, batch_size=1000)
    stories = [Article(pk=pk, rating_count=count, rating_sum=total) for pk, (count, total) in totals.items()]
    Article.objects.bulk_update(stories, ["rating_count", "rating_sum"], batch_size=500)
    return len(votes)


def _daily_views(rng, live, now):
    """Views per day since publication (at most VIEWS_DAYS days back), most on the first day."""
    today = timezone.localdate(now)
    rows = []
    for story_id, published_at in live:
        published_on = timezone.localdate(published_at)
        first_day = max(published_on, today - timedelta(days=VIEWS_DAYS - 1))
        first_day_views = rng.lognormvariate(6, 0.9)
        for offset in range((today - first_day).days + 1):
            day = first_day + timedelta(days=offset)
            age = (day - published_on).days
            views = round(first_day_views * VIEWS_DAILY_DECAY**age * rng.uniform(0.7, 1.3))
            if views:
                rows.append(ArticleDailyViews(article_id=story_id, date=day, views=views))
    ArticleDailyViews.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
