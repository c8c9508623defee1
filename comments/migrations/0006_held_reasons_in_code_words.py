"""Why-held reasons stored in the commenter's language, before reasons were kept in the code's words,
rewritten into the code's words: the moderation pages then translate every reason one way, into the
moderator's language, and need not recognise each edition's wording of each reason."""

import re

from django.conf import settings
from django.db import migrations
from django.utils import translation

# The reasons as the code wrote them when this migration was made (comments/services.py, HELD_*).
REASONS = (
    "Banned word: %(word)s",
    "Suspect word: %(word)s",
    "Contains links",
    "Most of this commenter's recent comments were rejected",
    "Pre-moderation",
)
BATCH = 2000


def pattern(text):
    return re.compile("^" + re.escape(text).replace(re.escape("%(word)s"), "(?P<word>.+)") + "$", re.DOTALL)


def translated_patterns():
    """(code words, pattern of one edition's translation) for every translation that differs."""
    found = []
    for source in REASONS:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                text = translation.gettext(source)
            if text != source:
                found.append((source, pattern(text)))
    return found


def in_code_words(reason, patterns):
    for source, translated in patterns:
        match = translated.match(reason)
        if match:
            return source % match.groupdict() if "%(word)s" in source else source
    return None


def rewrite_reasons(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    patterns = translated_patterns()
    # Reasons already in the code's words are most; only the others are read, in one pass.
    already = [source for source in REASONS if "%(word)s" not in source]
    held = (
        Comment.objects.exclude(held_reason="")
        .exclude(held_reason__in=already)
        .exclude(held_reason__startswith="Banned word: ")
        .exclude(held_reason__startswith="Suspect word: ")
        .only("pk", "held_reason")
    )
    changed = []
    for comment in held.iterator(chunk_size=BATCH):
        rewritten = in_code_words(comment.held_reason, patterns)
        if rewritten is not None:
            comment.held_reason = rewritten
            changed.append(comment)
        if len(changed) >= BATCH:
            Comment.objects.bulk_update(changed, ["held_reason"])
            changed = []
    Comment.objects.bulk_update(changed, ["held_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_desk_admin"),
    ]

    operations = [
        # Nothing to undo: the code's words read right in every language.
        migrations.RunPython(rewrite_reasons, migrations.RunPython.noop, elidable=True),
    ]
