"""Readers' votes: the one way a vote is written, keeping each story's totals exact."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from newsportal import pagecache

from ..models import Article, Vote


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
