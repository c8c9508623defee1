"""The desk's workflow: the statuses a story passes through and who may move it where.

    draft → ready for editing → approved → published (scheduled while its time is in the future) → withdrawn

Reporters write drafts and send them for editing (or take them back); editors approve, publish, unpublish,
withdraw and restore. Every move goes through story_move (actions) or story_save (the story form), which
check it, stamp the time of the change, save through articles.services.article_save and write the audit log.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Article
from ..services import article_save
from .audit import Action, audit_record
from .versions import move_comment, story_revision, story_versions_add

Status = Article.Status
DRAFT, READY, APPROVED, PUBLISHED, WITHDRAWN = (
    Status.DRAFT,
    Status.READY,
    Status.APPROVED,
    Status.PUBLISHED,
    Status.WITHDRAWN,
)
UNPUBLISHED = (DRAFT, READY, APPROVED)

CHANGE = "articles.change_article"
APPROVE = "articles.approve_article"
PUBLISH = "articles.publish_article"
WITHDRAW = "articles.withdraw_article"

# (from, to): the permission the move takes. A move not listed is never allowed.
MOVES = {
    (DRAFT, READY): CHANGE,
    (READY, DRAFT): CHANGE,
    (DRAFT, APPROVED): APPROVE,
    (READY, APPROVED): APPROVE,
    (APPROVED, READY): APPROVE,
    (APPROVED, DRAFT): APPROVE,
    **{(status, PUBLISHED): PUBLISH for status in UNPUBLISHED},
    **{(PUBLISHED, status): PUBLISH for status in UNPUBLISHED},
    (PUBLISHED, WITHDRAWN): WITHDRAW,
    # Restoring a withdrawn story brings it back as a draft, to be published again deliberately.
    (WITHDRAWN, DRAFT): WITHDRAW,
}

# What the audit log calls each move (publishing with a future time is scheduling).
MOVE_ACTIONS = {
    (DRAFT, READY): Action.SUBMIT,
    (READY, DRAFT): Action.RETURN,
    (APPROVED, DRAFT): Action.RETURN,
    (APPROVED, READY): Action.RETURN,
    (DRAFT, APPROVED): Action.APPROVE,
    (READY, APPROVED): Action.APPROVE,
    (WITHDRAWN, DRAFT): Action.RESTORE,
}


def may_move(user, old, new):
    """Whether `user` may move a story from status `old` to `new` (staying put is always allowed)."""
    if old == new:
        return True
    permission = MOVES.get((old, new))
    return permission is not None and user.has_perm(CHANGE) and user.has_perm(permission)


def allowed_statuses(user, old):
    """The statuses `user` may choose for a story now in `old` (a new story starts as `old=DRAFT`)."""
    return [status for status in Status.values if may_move(user, old, status)]


def move_check(*, user, article, old, system=False):
    """Refuse (ValidationError, saying why) a move from `old` to the article's status this user may not make,
    or one the story is not ready for. `system`: a move no person makes (a wire kill), so no one's
    permission is asked; the move itself is checked all the same."""
    new = article.status
    if old == new:
        return
    if (old, new) not in MOVES:
        raise ValidationError(
            {
                "status": _("A story cannot go from “%(old)s” to “%(new)s”.")
                % {"old": Status(old).label, "new": Status(new).label}
            },
            code="move",
        )
    if not system and not may_move(user, old, new):
        raise ValidationError(
            {"status": _("You may not move a story to “%(new)s”: ask an editor.") % {"new": Status(new).label}},
            code="permission",
        )
    if new == WITHDRAWN and not article.withdrawal_note.strip():
        raise ValidationError(
            {"withdrawal_note": _("Say in a line why the story is withdrawn: readers see this note in its place.")},
            code="note",
        )


def may_edit(user, article):
    """Reporters edit their copy until it is approved; after that it is the editors' alone."""
    return article.status in (DRAFT, READY) or user.has_perm(APPROVE) or user.has_perm(PUBLISH)


def _action_for(old, new, article):
    if new == PUBLISHED:
        return Action.PUBLISH if article.published_at <= timezone.now() else Action.SCHEDULE
    if new == WITHDRAWN:
        return Action.WITHDRAW
    if old == PUBLISHED:
        return Action.UNPUBLISH
    return MOVE_ACTIONS.get((old, new))


def _embargo_text(moment):
    if moment is None:
        return _("embargo lifted")
    return _("embargo until %(moment)s") % {
        "moment": formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    }


@transaction.atomic
def story_save(*, article, user, old_status=None, old_embargo=None, old_published_at=None, comment=None):
    """Save a story an editor changed on its form: the move (checked already by the form through move_check)
    is stamped and logged, and so is a change of embargo. `old_*` are the values before the change (None for
    a new story).

    The save is a version by `user`. The story form records its version itself, with its change message, in
    the revision it has open; anywhere else (the list's actions, the wire) the version is recorded here."""
    if reversion.is_active():
        return _story_save(article, user, old_status, old_embargo, old_published_at)
    with story_revision(user=user, comment=comment or move_comment(article.status)):
        _story_save(article, user, old_status, old_embargo, old_published_at)
        story_versions_add(articles=[article])
    return article


def _story_save(article, user, old_status, old_embargo, old_published_at):
    adding = article._state.adding or article.pk is None
    old_status = DRAFT if adding else old_status
    if old_status != article.status or adding:
        article.status_changed_at = timezone.now()
    article_save(article=article)
    # A scheduled story given another time is published now or scheduled again: a move of its own.
    rescheduled = (
        old_status == article.status == PUBLISHED
        and old_published_at is not None
        and old_published_at > timezone.now()
        and article.published_at != old_published_at
    )
    if old_status != article.status or rescheduled:
        action = _action_for(old_status, article.status, article)
        if action is not None:
            detail = article.withdrawal_note if article.status == WITHDRAWN else ""
            audit_record(actor=user, action=action, obj=article, detail=detail)
    if article.embargo_until != old_embargo and not (adding and article.embargo_until is None):
        audit_record(actor=user, action=Action.EMBARGO, obj=article, detail=_embargo_text(article.embargo_until))
    return article


@transaction.atomic
def story_move(*, article, to, user, published_at=None, note=None, comment=None):
    """Move one story to status `to` for `user` (an admin action), checked, saved and logged.

    Publishing takes `published_at` (default: now; a future time schedules). Raises ValidationError, saying
    why, for a move the user may not make or the story refuses (an embargo, a missing note). The move is a
    version by `user`; `comment` says what changed (as the admin's change messages do), else the new status.
    """
    return _move(article=article, to=to, user=user, published_at=published_at, note=note, comment=comment)


@transaction.atomic
def story_kill(*, article, note):
    """Withdraw a published story that its agency has killed: the same move as an editor's withdrawal (410
    with `note` in place of the text, off every list, logged, a version), made by no one in particular."""
    return _move(article=article, to=WITHDRAWN, user=None, note=note, system=True)


def _move(*, article, to, user, published_at=None, note=None, comment=None, system=False):
    article = Article.objects.select_for_update().get(pk=article.pk)
    old, old_published_at, old_embargo = article.status, article.published_at, article.embargo_until
    article.status = to
    if to == PUBLISHED:
        article.published_at = published_at or timezone.now()
    if note is not None:
        article.withdrawal_note = note
    move_check(user=user, article=article, old=old, system=system)
    return story_save(
        article=article,
        user=user,
        old_status=old,
        old_embargo=old_embargo,
        old_published_at=old_published_at,
        comment=comment,
    )


def refusal_text(error):
    """One line for an admin message out of a refusal."""
    return " ".join(error.messages)
