"""Writes that span models."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from newsportal import pagecache

from .models import Article, Correction, Vote

# What other apps do once an existing story has changed (comments: typo reports of text that is gone
# are fixed), registered from their AppConfig.ready: the apps that depend on articles hook in here,
# and articles never imports them.
_after_story_edit: dict[str, Callable[..., object]] = {}


def after_story_edit(*, key, run):
    """Have article_save call `run(article=article)` after every change to an existing story; a key registered
    again replaces its function."""
    _after_story_edit[key] = run


@transaction.atomic
def article_save(*, article):
    """Store a story as the editors' tools do (the admin, the wire): checked by the model's own rules,
    then, for a story that existed, whatever other apps do when a story changes, in the same transaction.

    The model's clean() gives a story published without a time the current time.
    """
    edited = article.pk is not None and not article._state.adding
    article.clean()
    article.save()
    if edited:
        for run in _after_story_edit.values():
            run(article=article)
    return article


@transaction.atomic
def correction_save(*, correction):
    """Store a correction, or an editor's change to one: readers see the story as updated at its time."""
    correction.save()
    Article.objects.filter(pk=correction.article_id).update(updated_at=correction.created_at)
    return correction


def correction_add(*, article, text, kind="correction", created_at=None):
    """A new correction (or update note) under `article`; see correction_save."""
    correction = Correction(article=article, kind=kind, text=text)
    if created_at is not None:
        correction.created_at = created_at
    return correction_save(correction=correction)


@dataclass(frozen=True)
class Voter:
    """Who rates: a signed-in reader by account, anyone else by the id in their signed cookie."""

    user: object = None
    anonymous_id: str = ""

    def __post_init__(self):
        if self.user is None and not self.anonymous_id:
            raise ValueError("A voter needs an account or an anonymous id.")


@dataclass(frozen=True)
class RatingResult:
    count: int
    sum: int
    score: int
    created: bool

    @property
    def average(self):
        return self.sum / self.count if self.count else None


def rating_cast(*, article, voter, score, ip_hash=""):
    """Record `voter`'s score for `article`, or change their earlier one; keep the story's totals exact.

    The vote row and the story's rating_count/rating_sum change in one transaction, the totals by
    F() expressions so concurrent votes add up. Two first votes by the same reader racing each
    other: the unique constraint rejects the second insert, and it is retried as a change.
    """
    if type(score) is not int or score not in Vote.SCORES:
        raise ValidationError(_("Choose a score from 1 to 5."), code="invalid_score")
    try:
        result = _cast(article, voter, score, ip_hash)
    except IntegrityError:
        # The other first vote has committed by now: this one changes it.
        result = _cast(article, voter, score, ip_hash)
    pagecache.rating_changed(article=article)
    return result


@transaction.atomic  # inside an outer transaction this is a savepoint, so a failed insert leaves it usable
def _cast(article, voter, score, ip_hash):
    # Locking our own vote row serialises a reader's concurrent changes, so each delta is right.
    vote = Vote.objects.select_for_update().filter(article=article).cast_by(voter).first()
    stories = Article.objects.filter(pk=article.pk)
    if vote is None:
        Vote.objects.create(
            article=article, user=voter.user, anonymous_id=voter.anonymous_id, score=score, ip_hash=ip_hash
        )
        stories.update(rating_count=F("rating_count") + 1, rating_sum=F("rating_sum") + score)
        created = True
    else:
        delta = score - vote.score
        vote.score = score
        vote.ip_hash = ip_hash or vote.ip_hash
        vote.save(update_fields=["score", "ip_hash", "updated_at"])
        if delta:
            stories.update(rating_sum=F("rating_sum") + delta)
        created = False
    count, total = stories.values_list("rating_count", "rating_sum").get()
    article.rating_count, article.rating_sum = count, total
    return RatingResult(count=count, sum=total, score=score, created=created)
