"""Every save of a story is a version (django-reversion): recorded, compared word by word, restored.

A version holds the story's own fields (not the counters readers move: votes, comment count, search
vector), its authors and image (by key), its related links (followed) and its tag names (in
StoryVersionNote). Corrections are a record of their own and are not versioned.
"""

import difflib
import html
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext as _
from reversion.models import Version

from newsportal.auth import display_name

from ..live.models import LiveEntry
from ..models import Article, Author, Photo, RelatedLink, Section
from ..services import after_story_edit, article_save
from .version_models import StoryVersionNote

# Kept up to date by readers and by the database, not written by editors: never restored.
NOT_VERSIONED = ["search_vector", "rating_count", "rating_sum", "comment_count", "translation_group", "modified_at"]

# What a restore brings back: the text and what belongs to it. Where and whether the story is shown
# (edition, address, status, time, featured, pinned, comments) stays as it is now: a restore must not
# publish, unpublish or move a story, which the actions and the form do openly.
RESTORED_FIELDS = ["section_id", "title", "lead", "body", "source_name", "source_url", "image_id", "urgency"]
RELATED_LINK_FIELDS = ["position", "target_id", "url", "title"]

# Side by side, word by word.
COMPARED_FIELDS = ["title", "lead", "body"]


def register():
    """Put stories and their related links under version control (AppConfig.ready)."""
    if not reversion.is_registered(Article):
        reversion.register(Article, exclude=NOT_VERSIONED, follow=["related_links"])
    if not reversion.is_registered(RelatedLink):
        reversion.register(RelatedLink)
    # Live-blog entries: each change on the live desk is a version of the entry (who and when), so a
    # deleted or rewritten entry can be brought back from reversion's tables.
    if not reversion.is_registered(LiveEntry):
        reversion.register(LiveEntry, exclude=["edited_at"])
    after_story_edit(key="articles.versions", run=story_saved_elsewhere)


# A save through article_save outside the form, the list's actions, a restore and the wire (which record
# their own versions, with who and why): a step of another tool, a script.
SAVED_ELSEWHERE = json.dumps([{"saved": {}}])


def story_saved_elsewhere(*, article):
    """Every save of a story is a version: one made where no revision is being recorded gets one of its own
    (by nobody known)."""
    if reversion.is_active():
        return
    with story_revision(user=None, comment=SAVED_ELSEWHERE):
        story_versions_add(articles=[article])


@contextmanager
def story_revision(*, user, comment=""):
    """One revision: every story added inside becomes one version, by `user`, with `comment`."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def _tag_names(article):
    return sorted((tag.name for tag in article.tags.all()), key=str.lower)


def story_versions_add(*, articles, restored_from=None):
    """Add `articles` as they are in the database now to the revision being recorded (see story_revision)."""
    tags = {}
    for article in articles:
        reversion.add_to_revision(article)
        tags[str(article.pk)] = _tag_names(article)
    if tags:
        reversion.add_meta(StoryVersionNote, tags=tags, restored_from=restored_from)


def story_versions_record(*, user, pks, comment):
    """One version per story changed together (the list's actions), in one revision."""
    with story_revision(user=user, comment=comment):
        story_versions_add(articles=Article.objects.filter(pk__in=pks).prefetch_related("tags", "related_links"))


BASELINE_COMMENT = "As it was before versions were kept."


def story_baselines_record(*, pks):
    """Stories edited before versions were kept get their state before the edit as their first version, so the
    first recorded change has something to be compared with and restored to."""
    versioned = Version.objects.get_for_model(Article).filter(object_id__in=[str(pk) for pk in pks])
    missing = set(pks) - {int(pk) for pk in versioned.values_list("object_id", flat=True)}
    if missing:
        with story_revision(user=None, comment=BASELINE_COMMENT):
            story_versions_add(articles=Article.objects.filter(pk__in=missing).prefetch_related("tags"))


def wire_comment(source):
    return json.dumps([{"wire": {"source": str(source)}}])


def wire_kill_comment(source):
    return json.dumps([{"wire": {"source": str(source), "kill": True}}])


def move_comment(status):
    """What a version made by a move of the workflow says: the status the story went to."""
    return json.dumps([{"moved": {"to": str(status)}}])


def story_revision_comment(comment):
    """Say what the revision being recorded is (one decided only once its work is done)."""
    reversion.set_comment(comment)


def story_versions(article):
    """A story's versions, newest first, with who made them and the note beside them (one query)."""
    return Version.objects.get_for_object(article).select_related("revision__user", "revision__story_note")


def story_version_previous(version):
    """The version of the same story made just before `version`, or None."""
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(pk__lt=version.pk)
        .select_related("revision__user", "revision__story_note")
        .first()
    )


def describe(version):
    """What changed in a version, in the reader's language (the admin's own change message when there is one)."""
    comment = version.revision.comment
    if comment == BASELINE_COMMENT:
        return _("As it was before versions were kept.")
    if comment == SAVED_ELSEWHERE:
        return _("Saved.")
    if comment.startswith('[{"wire"'):
        wire = json.loads(comment)[0]["wire"]
        if wire.get("kill"):
            return _("Withdrawn: killed by the wire (%(source)s).") % wire
        return _("From the wire (%(source)s).") % wire
    if comment.startswith('[{"moved"'):
        status = json.loads(comment)[0]["moved"]["to"]
        label = Article.Status(status).label if status in Article.Status.values else status
        return _("Moved to “%(status)s”.") % {"status": label}
    if comment.startswith('[{"restored"'):
        return _("Restored the version of %(moment)s.") % json.loads(comment)[0]["restored"]
    return LogEntry(change_message=comment).get_change_message() or _("Saved.")


def who(version):
    user = version.revision.user
    if user is None:
        return _("unknown")
    return display_name(user)


def when(version):
    return formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")


# ---- Comparing ---------------------------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|figcaption|tr)\s*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_TOKENS = re.compile(r"\n+|[^\S\n]+|\w+|[^\w\s]", re.UNICODE)


def body_text(value):
    """The words of a sanitised body, one block per paragraph: what readers read, without markup."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class Comparison:
    label: str
    old: str  # HTML, escaped, with <del>
    new: str  # HTML, escaped, with <ins>
    changed: bool


def _marked(tag, hidden_label, words):
    return format_html('<{}><span class="visually-hidden">{} </span>{}</{}>', tag, hidden_label, words, tag)


def compare_words(old, new):
    """Two texts side by side: the old one with what went marked <del>, the new one with what came <ins>."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    left, right = [], []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = conditional_escape("".join(old_tokens[i1:i2]))
        added = conditional_escape("".join(new_tokens[j1:j2]))
        if operation == "equal":
            left.append(removed)
            right.append(added)
            continue
        if i2 > i1:
            left.append(_marked("del", _("deleted:"), removed))
        if j2 > j1:
            right.append(_marked("ins", _("inserted:"), added))
    return _joined(left), _joined(right)


def _joined(pieces):
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def compare_texts(old_fields, new_fields):
    """Headline, lead and body of two states of a story, compared word by word."""
    comparisons = []
    for name in COMPARED_FIELDS:
        old, new = old_fields.get(name) or "", new_fields.get(name) or ""
        if name == "body":
            old, new = body_text(old), body_text(new)
        left, right = compare_words(old, new)
        comparisons.append(
            Comparison(label=str(Article._meta.get_field(name).verbose_name), old=left, new=right, changed=old != new)
        )
    return comparisons


def version_state(version):
    """A version's fields, tag names and related links, as plain values."""
    fields = dict(version.field_dict)
    note = getattr(version.revision, "story_note", None)
    fields["tags"] = note.tags.get(version.object_id) if note else None
    link_type = ContentType.objects.get_for_model(RelatedLink)  # cached by Django after the first time
    links = [
        other.field_dict
        for other in version.revision.version_set.filter(content_type=link_type)
        if other.field_dict.get("article_id") == int(version.object_id)
    ]
    fields["related_links"] = sorted(
        ({name: link.get(name) for name in RELATED_LINK_FIELDS} for link in links),
        key=lambda link: (link["position"] or 0, link["title"] or ""),
    )
    return fields


OTHER_COMPARED = [
    "section_id",
    "status",
    "published_at",
    "is_featured",
    "is_pinned",
    "source_name",
    "source_url",
    "image_id",
    "urgency",
    "comments_closed",
    "comments_moderation",
]


def compare_others(old_fields, new_fields):
    """The other fields that differ, as (label, old, new) in plain words."""
    rows = []
    for name in OTHER_COMPARED:
        old, new = old_fields.get(name), new_fields.get(name)
        if old != new:
            field = Article._meta.get_field(name.removesuffix("_id"))
            rows.append((str(field.verbose_name), _display(field, old), _display(field, new)))
    for name, label in (("authors", _("authors")), ("tags", _("tags")), ("related_links", _("related links"))):
        old, new = old_fields.get(name), new_fields.get(name)
        if old is not None and new is not None and _normalised(old) != _normalised(new):
            rows.append((str(label), _display_list(name, old), _display_list(name, new)))
    return rows


def _normalised(values):
    return sorted(map(str, values)) if values and not isinstance(values[0], dict) else values


def _display(field, value):
    if value is None or value == "":
        return "—"
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "tzinfo"):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def _display_list(name, values):
    if not values:
        return "—"
    if name == "authors":
        field = Article._meta.get_field("authors")
        names = dict(field.related_model.objects.filter(pk__in=values).values_list("pk", "name"))
        return ", ".join(names.get(pk, f"#{pk}") for pk in values)
    if name == "related_links":
        return "; ".join(link["title"] or link["url"] or f"#{link['target_id']}" for link in values)
    return ", ".join(values)


def current_state(article):
    fields = {field.attname: getattr(article, field.attname) for field in Article._meta.concrete_fields}
    fields["authors"] = list(article.authors.values_list("pk", flat=True))
    fields["tags"] = sorted(article.tags.names(), key=str.lower)
    fields["related_links"] = sorted(
        article.related_links.values(*RELATED_LINK_FIELDS), key=lambda link: (link["position"], link["title"])
    )
    return fields


# ---- Restoring ---------------------------------------------------------------------------------------------


def _still_possible(state, article):
    """What was deleted or moved since the version cannot come back: a section of another edition (or gone)
    leaves the story's own, a picture or author deleted since is left out."""
    section = Section.objects.filter(pk=state.get("section_id")).first()
    if section is None or section.edition != article.edition:
        state["section_id"] = article.section_id
    if state.get("image_id") and not Photo.objects.filter(pk=state["image_id"]).exists():
        state["image_id"] = None
    if state.get("authors"):
        state["authors"] = list(Author.objects.filter(pk__in=state["authors"]).values_list("pk", flat=True))
    return state


@transaction.atomic
def story_version_restore(*, version, user):
    """Bring the story back to `version`'s text, authors, image, tags and related links; the result is a new
    version, noted as restored from that one. Publication state stays as it is now (RESTORED_FIELDS)."""
    article = Article.objects.select_for_update().get(pk=version.object_id)
    state = _still_possible(version_state(version), article)
    for name in RESTORED_FIELDS:
        if name in state:
            setattr(article, name, state[name])
    comment = json.dumps([{"restored": {"moment": when(version)}}])
    with story_revision(user=user, comment=comment):
        article_save(article=article)
        if "authors" in state:
            article.authors.set(state["authors"])
        if state["tags"] is not None:
            article.tags.set(state["tags"])
        article.related_links.all().delete()
        targets = {link["target_id"] for link in state["related_links"] if link["target_id"]}
        # A linked story deleted since cannot be linked again.
        existing = set(Article.objects.filter(pk__in=targets).values_list("pk", flat=True))
        RelatedLink.objects.bulk_create(
            RelatedLink(article=article, **{name: link[name] for name in RELATED_LINK_FIELDS})
            for link in state["related_links"]
            if not link["target_id"] or link["target_id"] in existing
        )
        story_versions_add(articles=[article], restored_from=version.revision)
    return article
