"""Developing stories: a follow-up names the earlier story it develops (Article.follows).

Every story of a chain names the chain's first story in Article.developing_thread (only these functions
write it), so a story page reads "the newest live story after this one" and "the live story before it"
inside its own query: readers of an earlier story are sent forward, a follow-up links back. Only live
stories are ever named: a draft or scheduled follow-up is invisible until it goes live.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.translation import gettext as _

from newsportal import pagecache

from ..models import Article, Section

# Longer chains than this are refused: a desk follows a story for days, not for thousands of stories.
LONGEST_CHAIN = 500


def developing_check(*, story, earlier):
    """Refuse (ValidationError with the reason) to make `story` a follow-up of `earlier`."""
    if story.pk and earlier.pk == story.pk:
        raise ValidationError(_("A story cannot be a follow-up of itself."), code="self")
    if earlier.edition != story.edition:
        raise ValidationError(_("A follow-up must be in the same edition as the story it develops."), code="edition")
    if story.pk:
        above, steps = earlier.follows_id, 0
        while above is not None and steps < LONGEST_CHAIN:
            if above == story.pk:
                raise ValidationError(
                    _("That story already follows this one: the chain would go round in a circle."), code="circle"
                )
            above = Article.objects.filter(pk=above).values_list("follows_id", flat=True).first()
            steps += 1


def _chain_first(pk):
    steps = 0
    while steps < LONGEST_CHAIN:
        above = Article.objects.filter(pk=pk).values_list("follows_id", flat=True).first()
        if above is None:
            return pk
        pk, steps = above, steps + 1
    return pk


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


def _link_json(stories):
    return stories.values(
        found=JSONObject(pk="pk", title="title", slug="slug", edition="edition", section_slug="section__slug")
    )[:1]


def developing_links(queryset):
    """Annotate each story with the newest live story after it in its chain (`developing_newer_found`) and
    the live story it develops (`developing_earlier_found`: the one it follows, else the newest live one
    before it in the chain), as JSON objects or None."""
    now = timezone.now()
    chain = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__lte=now, developing_thread=OuterRef("developing_thread")
    ).exclude(pk=OuterRef("pk"))
    newer = chain.filter(published_at__gt=OuterRef("published_at")).order_by("-published_at", "-pk")
    before = chain.filter(published_at__lte=OuterRef("published_at")).order_by("-published_at", "-pk")
    followed = Article.objects.filter(pk=OuterRef("follows_id"), status=Article.Status.PUBLISHED, published_at__lte=now)
    json_field = models.JSONField()
    return queryset.annotate(
        developing_newer_found=Subquery(_link_json(newer), output_field=json_field),
        developing_earlier_found=Coalesce(
            Subquery(_link_json(followed), output_field=json_field),
            Subquery(_link_json(before), output_field=json_field),
            output_field=json_field,
        ),
    )


def developing_story(found):
    """A stand-in for a linked story (address and headline) from what developing_links read."""
    if not found:
        return None
    story = Article(
        pk=found["pk"],
        title=found["title"],
        slug=found["slug"],
        edition=found["edition"],
        section=Section(edition=found["edition"], slug=found["section_slug"]),
    )
    return story
