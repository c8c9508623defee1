"""Developing stories: a follow-up names the earlier story it develops (Article.follows).

Every story of a chain names the chain's first story in Article.developing_thread (only these functions
write it), so a story page reads "the newest live story after this one" and "the live story before it"
inside its own query (ArticleQuerySet.with_developing): readers of an earlier story are sent forward,
a follow-up links back. Only live stories are ever named: a draft or scheduled follow-up is invisible
until it goes live.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsportal import pagecache

from ..models import Article

# Longer chains than this are refused: a desk follows a story for days, not for thousands of stories.
LONGEST_CHAIN = 500


def developing_check(*, story, earlier):
    """Refuse (ValidationError with the reason) to make `story` a follow-up of `earlier`."""
    if story.pk and earlier.pk == story.pk:
        raise ValidationError(_("A story cannot be a follow-up of itself."), code="self")
    if earlier.edition != story.edition:
        raise ValidationError(_("A follow-up must be in the same edition as the story it develops."), code="edition")
    if story.pk and story.pk in _stories_above(earlier.pk, above=earlier.follows_id):
        raise ValidationError(
            _("That story already follows this one: the chain would go round in a circle."), code="circle"
        )


_UNREAD = object()


def _stories_above(pk, *, above=_UNREAD):
    """The stories story `pk` follows, nearest first, one query a step (at most LONGEST_CHAIN); `above`:
    its own `follows_id` when already known."""
    for _step in range(LONGEST_CHAIN):
        if above is _UNREAD:
            above = Article.objects.filter(pk=pk).values_list("follows_id", flat=True).first()
        if above is None:
            return
        yield above
        pk, above = above, _UNREAD


def _chain_first(pk):
    first = pk
    for first in _stories_above(pk):  # noqa: B007 (the last one is the chain's first story)
        pass
    return first


def _chain_members(first):
    members, level = [first], [first]
    while level and len(members) < LONGEST_CHAIN:
        level = list(Article.objects.filter(follows__in=level).values_list("pk", flat=True))
        members.extend(level)
    return members


@transaction.atomic
def developing_chain_refresh(*, story_pks):
    """Name each chain's first story on every story of the chains holding `story_pks` (after an editor
    set, changed or cleared a story's `follows`; its old chain is passed too)."""
    for pk in {pk for pk in story_pks if pk is not None}:
        first = _chain_first(pk)
        members = _chain_members(first)
        thread = first if len(members) > 1 else None
        Article.objects.filter(pk__in=members).exclude(developing_thread=thread).update(developing_thread=thread)
    pagecache.site_changed()  # update() sends no signals


def chain_before_delete(sender, instance, **kwargs):
    """Signal receiver: note the stories next to a story about to be deleted from a chain (its follow-ups
    lose their link, and the chain's first story may be this one)."""
    linked = Article.objects.filter(pk=instance.pk).values_list("follows_id", flat=True).first()
    neighbours = list(Article.objects.filter(follows=instance).values_list("pk", flat=True))
    instance._developing_neighbours = [pk for pk in (*neighbours, linked) if pk is not None]


def chain_after_delete(sender, instance, **kwargs):
    neighbours = getattr(instance, "_developing_neighbours", None)
    if neighbours:
        developing_chain_refresh(story_pks=neighbours)
