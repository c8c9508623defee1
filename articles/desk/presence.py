"""Who has a story open in the admin right now, from the heartbeat each open story form sends.

Kept in the shared cache, one small entry per story: {user id: [name, last beat]}. Two beats at the same
moment may overwrite each other's entry; the next beat, a few seconds later, puts it back, which is the
granularity the desk needs ("X is editing this story too"), so no lock is taken.
"""

import time

from django.core.cache import cache

from newsportal.auth import display_name

# The story form beats every HEARTBEAT_SECONDS (static/js/desk-presence.js reads it from the page);
# an editor whose page has not beaten for PRESENT_SECONDS has closed it.
HEARTBEAT_SECONDS = 10
PRESENT_SECONDS = 3 * HEARTBEAT_SECONDS


def _key(story_id):
    return f"desk:presence:{story_id}"


def presence_beat(*, story_id, user, now=None):
    """Note that `user` has the story open; return the names of the others who have it open too."""
    now = time.time() if now is None else now
    editors = {
        user_id: entry
        for user_id, entry in (cache.get(_key(story_id)) or {}).items()
        if now - entry[1] < PRESENT_SECONDS and user_id != str(user.pk)
    }
    others = sorted(name for name, _ in editors.values())
    editors[str(user.pk)] = [display_name(user), now]
    cache.set(_key(story_id), editors, PRESENT_SECONDS)
    return others


def presence_leave(*, story_id, user):
    """The editor closed the story (or saved it): the others stop seeing them at once."""
    editors = cache.get(_key(story_id)) or {}
    if editors.pop(str(user.pk), None) is not None:
        cache.set(_key(story_id), editors, PRESENT_SECONDS)
