"""Breaking news: an editor flags a story, every page of its edition shows it in a banner until it expires.

The banner's content is one small state per edition, kept in the shared cache under the `site` version:
flagging or clearing a story is an editorial change (it bumps `site`), so the state is read again at
once. Expiry needs no write: the state carries the moment it stops being right (the story's expiry,
or a flagged scheduled story going live) and is read again after it; pages learn the same moment
through articles.invalidation.next_publication, which ends a cached page's life then.
"""

import hashlib
import json
import logging
import time
from datetime import timedelta

from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

from newsportal import pagecache
from newsportal.pagecache import SITE, store

from ..models import Article

logger = logging.getLogger(__name__)

# What an editor is offered, in minutes; an hour unless they choose otherwise.
DEFAULT_MINUTES = 60
DURATION_CHOICES = (15, 30, 60, 120, 180, 360, 720, 1440)
# Kept at most this long even when nothing says it changed (a flag written by a shell or a seed script).
KEEP_SECONDS = 300
STATE_KEY = "breaking:{edition}:{site}"
# Stories flagged at once in an edition that are worth looking at; only the newest live one is shown.
CANDIDATES = 20


def breaking_values(minutes):
    """What flagging a story as breaking news for `minutes` from now sets on it."""
    return {"breaking_until": timezone.now() + timedelta(minutes=minutes), "urgency": Article.Urgency.FLASH}


def breaking_flag(*, stories, minutes=DEFAULT_MINUTES):
    """Flag the published stories among `stories` as breaking news (urgency "flash") for `minutes`
    from now; returns how many. Drafts are left alone: a banner must never name what readers cannot open."""
    changed = stories.filter(status=Article.Status.PUBLISHED).update(
        **breaking_values(minutes), modified_at=timezone.now()
    )
    if changed:
        pagecache.site_changed()  # update() sends no signals
    return changed


def breaking_clear(*, stories):
    """End the breaking news of `stories` now; returns how many were breaking."""
    changed = stories.filter(breaking_until__isnull=False).update(breaking_until=None, modified_at=timezone.now())
    if changed:
        pagecache.site_changed()
    return changed


def next_breaking_change_query(now):
    """The earliest moment a breaking flag ends (a query of one value, for the page cache's schedule)."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, breaking_until__gt=now)
        .order_by("breaking_until")
        .values_list("breaking_until", flat=True)[:1]
    )


def _story_json(story):
    return {
        "id": story.pk,
        "headline": story.title,
        "url": story.get_absolute_url(),
        "until": story.breaking_until.isoformat(timespec="seconds"),
    }


def _state_read(edition):
    """The edition's banner as of now, and until when that holds: one query on a handful of rows."""
    now = timezone.now()
    flagged = list(
        Article.objects.in_edition(edition)
        .filter(status=Article.Status.PUBLISHED, breaking_until__gt=now)
        .select_related("section")
        .only("pk", "edition", "title", "slug", "section__slug", "published_at", "breaking_until")
        .order_by("-published_at", "-pk")[:CANDIDATES]
    )
    live = [story for story in flagged if story.published_at <= now]
    story = _story_json(live[0]) if live else None
    # The banner changes when the shown story expires (an older flag may then show) or a flagged
    # scheduled story goes live.
    moments = [story.published_at for story in flagged if story.published_at > now]
    if live:
        moments.append(live[0].breaking_until)
    body = json.dumps({"breaking": story}, ensure_ascii=False, separators=(",", ":")).encode()
    return {
        "story": story,
        "body": body,
        "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
        "recheck_at": min(moments).timestamp() if moments else None,
    }


def breaking_state(edition):
    """What the edition's banner shows now, as {"story": {...} or None, "body": the JSON, "etag", ...}.

    From the shared cache when kept (no query); read from the database after any editorial change
    and after the moment the kept state stops being right.
    """
    found = store.read_versions([SITE])
    key = STATE_KEY.format(edition=edition, site=found[0][SITE]) if found is not None else None
    state = None
    if key is not None:
        # Every page's banner asks: the state kept under this site version is as right in this process
        # as in the shared cache (an edit makes a new key), so only the first page after a change pays
        # the round trip.
        state = store.recent.get_many([key]).get(key)
        if state is None:
            try:
                state = cache.get(key)
            except Exception:
                logger.warning("Cache unreachable: breaking news read from the database", exc_info=True)
            if state is not None:
                store.recent.keep({key: state})
    if state is not None and (state["recheck_at"] is None or time.time() < state["recheck_at"]):
        return state
    state = _state_read(edition)
    if key is not None:
        timeout = KEEP_SECONDS
        if state["recheck_at"] is not None:
            timeout = max(1, min(KEEP_SECONDS, int(state["recheck_at"] - time.time()) + 1))
        try:
            cache.set(key, state, timeout=timeout)
        except Exception:
            logger.warning("Cache unreachable: breaking news not kept", exc_info=True)
        store.recent.keep({key: state})
    return state


def breaking_banner_story(edition):
    """The story the banner names on a page being rendered, or None; a page renders without it when
    the database cannot be read (an error page, the database down)."""
    try:
        return breaking_state(edition)["story"]
    except DatabaseError:
        return None
