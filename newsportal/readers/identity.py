"""Who a reader is: their account when signed in, else one signed anonymous id in the reader cookie.

Votes, comments and comment reports all know an anonymous reader by this one id. Readers who acted
before it existed carry `voter` (their votes) or `np_reader` (their comments and reports): both are
still read until they expire by themselves, so a vote stays changeable and a pending comment stays
visible to its author. A reader's first action since moves them to the reader cookie, under the id
they voted with when they have one, because a vote is found by exactly that id.
"""

import re
import secrets
from dataclasses import dataclass

from django.conf import settings

READER_COOKIE_SALT = "newsportal.reader"
# Cookies written before the reader cookie: name, salt and lifetime, in the order their ids are preferred.
EARLIER_COOKIES = (
    ("voter", "articles.rating.voter", 2 * 365 * 24 * 60 * 60),
    ("np_reader", "comments.reader", 365 * 24 * 60 * 60),
)
# Ours are 32 characters (token_urlsafe(24), earlier token_hex(16)); anything else was not written by us.
ANONYMOUS_ID = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class Reader:
    """A signed-in reader (user) or an anonymous one (anonymous_id); neither for a first-time visitor."""

    user: object = None
    anonymous_id: str = ""
    # Ids of earlier cookies that are not anonymous_id: what this reader did under them is still theirs.
    earlier_ids: tuple[str, ...] = ()

    @property
    def is_known(self):
        return self.user is not None or bool(self.anonymous_id)

    @property
    def anonymous_ids(self):
        """Every anonymous id this reader acted under."""
        return tuple(filter(None, (self.anonymous_id, *self.earlier_ids)))

    @property
    def key(self):
        """One string per reader, where a row records "who" without a foreign key (comment reports)."""
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"reader:{self.anonymous_id}" if self.anonymous_id else ""

    @property
    def keys(self):
        """The keys this reader may have been recorded under, earlier cookies included."""
        if self.user is not None:
            return (self.key,)
        return tuple(f"reader:{anonymous_id}" for anonymous_id in self.anonymous_ids)


def _signed_id(request, name, salt, max_age):
    value = request.get_signed_cookie(name, default="", salt=salt, max_age=max_age)
    return value if ANONYMOUS_ID.fullmatch(value) else ""


def reader_of(request):
    """The reader behind a request, as far as their account and cookies tell; may be unknown."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Reader(user=user)
    current = _signed_id(request, settings.READER_COOKIE_NAME, READER_COOKIE_SALT, settings.READER_COOKIE_AGE)
    earlier = [_signed_id(request, name, salt, max_age) for name, salt, max_age in EARLIER_COOKIES]
    ids = list(dict.fromkeys(filter(None, [current, *earlier])))
    if not ids:
        return Reader()
    return Reader(anonymous_id=ids[0], earlier_ids=tuple(ids[1:]))


def acting_reader(request):
    """The reader who is acting now: a first-time anonymous reader gets a new id (see remember_reader)."""
    reader = reader_of(request)
    if reader.is_known:
        return reader
    return Reader(anonymous_id=secrets.token_urlsafe(24))


def remember_reader(response, reader):
    """(Re)issue an anonymous reader's cookie: it lives READER_COOKIE_AGE from their latest action.

    Only answers to actions carry it; public pages never set a cookie.
    """
    if reader.user is None and reader.anonymous_id:
        response.set_signed_cookie(
            settings.READER_COOKIE_NAME,
            reader.anonymous_id,
            salt=READER_COOKIE_SALT,
            max_age=settings.READER_COOKIE_AGE,
            secure=settings.READER_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
