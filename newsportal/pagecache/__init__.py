"""The shared page cache for anonymous readers (docs/page-cache.md).

Views say what a page depends on with `shared_page`; writes say what changed with the functions below.
Scopes, each with a version number in the cache:

- "site": anything an editor changes (stories, sections, authors, photos, tags, corrections, links)
  and a scheduled story going live. Every cached page depends on it.
- "story:<pk>": what only that story's page shows (its comments, its rating).
- "cards:<edition>": the comment counts on story cards and "most discussed".
- "home:<edition>": what only the edition's home page shows ("top rated", "most read").
"""

import time

from django.conf import settings
from django.db import transaction

from . import store

SITE = "site"
# How long the marker that one instance has handled a scheduled time lives (other instances skip it).
WENT_LIVE_MARK_TTL = 3600


def story_scope(pk):
    return f"story:{pk}"


def cards_scope(edition):
    return f"cards:{edition}"


def home_scope(edition):
    return f"home:{edition}"


def _bump(scopes, *, schedule=False):
    """Now, and again when the transaction commits: a page rendered in between still reads the data
    from before the commit, and the second bump refuses it."""

    def run():
        store.bump(scopes)
        if schedule:
            store.delete(store.NEXT_DUE_KEY)

    run()
    transaction.on_commit(run)


def site_changed():
    """An editorial change: every page may show it, and the next scheduled story may have moved."""
    _bump([SITE], schedule=True)


def discussion_changed(*, article_ids):
    """The comments readers see on these stories changed, and so did their counts on cards."""
    editions = [code for code, _name in settings.LANGUAGES]
    _bump([*(story_scope(pk) for pk in article_ids), *(cards_scope(code) for code in editions)])


def comments_reordered(*, article_ids):
    """The same comments, shown differently (editor's picks): only the stories' own pages."""
    _bump([story_scope(pk) for pk in article_ids])


def story_changed(*, article_ids):
    """What only these stories' own pages show changed (a live blog's entries): their pages, nothing else."""
    _bump([story_scope(pk) for pk in article_ids])


def rating_changed(*, article):
    """A vote: the story's page and the edition's "top rated", never the whole edition."""
    _bump([story_scope(article.pk), home_scope(article.edition)])


def home_lists_changed():
    """New view counts: "most read" on the home pages."""
    _bump([home_scope(code) for code, _name in settings.LANGUAGES])


def went_live(next_due):
    """Whether the next scheduled story's time has passed, given (site version, moment) as kept under
    store.NEXT_DUE_KEY. No save happens then: the first request after it, on any instance, changes the
    site's version, once (a marker key makes it once across instances)."""
    site_version, moment = next_due
    if moment is None or time.time() < moment:
        return False
    if store.add(f"{store.PREFIX}:went-live:{site_version}:{moment}", 1, WENT_LIVE_MARK_TTL):
        site_changed()
    return True
