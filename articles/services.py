"""Writes that span models."""

import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from newsportal import pagecache

from .models import Article, Correction

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


# ---- Translations: the versions of one story in the editions ----------------------------------------------
# Versions share Article.translation_group, one per edition (a unique constraint). Only these functions
# write it.


def article_translations_check(*, story, translation_of):
    """Refuse (ValidationError, with the reason) to make `story` a version of `translation_of`'s story when
    both are one story or in one edition, or that story already has another version in `story`'s edition."""
    if story.pk and story.pk == translation_of.pk:
        raise ValidationError(_("A story cannot be its own translation."), code="self")
    if story.edition == translation_of.edition:
        raise ValidationError(_("The translation must be a story in another edition, not in this one."), code="edition")
    if translation_of.translation_group is None:
        return
    versions = Article.objects.filter(translation_group=translation_of.translation_group, edition=story.edition)
    taken = versions.exclude(pk=story.pk).first()
    if taken is not None:
        raise ValidationError(
            _("That story already has a version in this edition: “%(title)s”. Unlink it first."),
            code="taken",
            params={"title": taken.title},
        )


def article_translations_link(*, story, translation_of):
    """Make `story` the version in its edition of the story `translation_of` belongs to (checked first).

    `story` leaves the story it was a version of before.
    """
    with transaction.atomic():
        # Locked so that two editors joining stories to the same one take turns.
        translation_of.translation_group = (
            Article.objects.select_for_update()
            .filter(pk=translation_of.pk)
            .values_list("translation_group", flat=True)
            .get()
        )
        article_translations_check(story=story, translation_of=translation_of)
        group = translation_of.translation_group
        if group is not None and group == story.translation_group:
            return
        if group is None:
            group = translation_of.translation_group = uuid.uuid4()
            Article.objects.filter(pk=translation_of.pk).update(translation_group=group)
        _translation_group_leave(story)
        Article.objects.filter(pk=story.pk).update(translation_group=group)
        story.translation_group = group
        pagecache.site_changed()  # update() sends no signals; every version's page names the others


def article_translations_unlink(*, story):
    """`story` is no longer a version of any other story."""
    with transaction.atomic():
        _translation_group_leave(story)
        pagecache.site_changed()


def _translation_group_leave(story):
    old_group = Article.objects.filter(pk=story.pk).values_list("translation_group", flat=True).get()
    if old_group is None:
        return
    Article.objects.filter(pk=story.pk).update(translation_group=None)
    story.translation_group = None
    # A story left alone in its group is no longer anyone's translation.
    remaining = Article.objects.filter(translation_group=old_group)
    if remaining.count() == 1:
        remaining.update(translation_group=None)
