"""What waits for the desk: counters shown on top of the admin index (templates/admin/index.html,
through the dashboard, articles/desk/dashboard.py).

Kept in articles, which the other apps build on: each app registers its own queues from its admin
module, e.g.::

    waiting.register(
        key="comments.pending",
        label=_("Comments to moderate"),
        permission="comments.change_comment",
        count=lambda: Comment.objects.pending().count(),
        url=lambda: reverse("admin:comments_comment_changelist") + "?status=pending",
    )

The index shows a counter only to users holding its permission, so a moderator
is not shown the story drafts and an editor not the comment queue unless they
may act on it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counter:
    label: str
    permission: str
    count: Callable[[], int]
    url: Callable[[], str]


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


_counters: dict[str, Counter] = {}


def register(*, key: str, label, permission: str, count: Callable[[], int], url: Callable[[], str]) -> None:
    """Add a counter to the admin index; registering the same key again replaces it (module reloads)."""
    _counters[key] = Counter(label=label, permission=permission, count=count, url=url)


def waiting_for(user) -> list[Waiting]:
    """The counters this user may act on, with their current numbers."""
    return [
        Waiting(label=counter.label, count=counter.count(), url=counter.url())
        for counter in _counters.values()
        if user.has_perm(counter.permission)
    ]
