"""What goes out next, and what should have gone out already.

The planning page lists the stories scheduled or under embargo, by the day they go out; the admin index
warns about what is overdue (its time passed while it still waits) or stuck in a status for too long
(settings.DESK_STUCK_AFTER_MINUTES).
"""

from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.db.models import Case, F, Q, When
from django.db.models.functions import Greatest
from django.utils import timezone

from ..models import Article
from .workflow import UNPUBLISHED

Status = Article.Status


def upcoming(now=None):
    """Stories that go out later: scheduled ones, and waiting ones whose embargo has not lifted, each with
    `goes_out_at` (the later of its publication time and embargo), soonest first."""
    now = now or timezone.now()
    scheduled = Q(status=Status.PUBLISHED, published_at__gt=now)
    embargoed = Q(status__in=UNPUBLISHED, embargo_until__gt=now)
    return (
        Article.objects.filter(scheduled | embargoed)
        .annotate(
            goes_out_at=Case(
                When(status=Status.PUBLISHED, then=F("published_at")),
                default=Greatest(F("embargo_until"), F("published_at")),
            )
        )
        .select_related("section", "assignee")
        .defer("body", "search_vector")
        .order_by("goes_out_at", "id")
    )


@dataclass
class PlanningDay:
    day: object
    stories: list


def planning_days(stories):
    """The stories of upcoming(), grouped by the local day they go out."""
    return [
        PlanningDay(day=day, stories=list(group))
        for day, group in groupby(stories, key=lambda story: timezone.localdate(story.goes_out_at))
    ]


def overdue(now=None):
    """Waiting stories whose moment has passed: an approved story with a publication time gone by, or a story
    still in the workflow after its embargo lifted."""
    now = now or timezone.now()
    return Article.objects.filter(
        Q(status=Status.APPROVED, published_at__lte=now)
        | Q(status__in=(Status.READY, Status.APPROVED), embargo_until__lte=now)
    )


def stuck(now=None):
    """Stories in a status longer than the desk allows for it (settings.DESK_STUCK_AFTER_MINUTES)."""
    now = now or timezone.now()
    match = Q(pk__in=[])
    for status, minutes in settings.DESK_STUCK_AFTER_MINUTES.items():
        match |= Q(status=status, status_changed_at__lt=now - timedelta(minutes=minutes))
    return Article.objects.filter(match)
