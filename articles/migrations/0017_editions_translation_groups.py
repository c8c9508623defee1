"""A story's versions in the editions share a key instead of pointing at each other in pairs.

Article.translation linked two stories only; translation_group links one version per edition, any
number of editions. Each linked pair becomes a group.
"""

import uuid

from django.db import migrations, models


def pairs_to_groups(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.using(schema_editor.connection.alias)
    grouped = set()
    for pk, partner in stories.filter(translation__isnull=False).values_list("pk", "translation_id"):
        if pk in grouped or partner in grouped:
            continue  # the pair's other half made the group already (links are kept on both stories)
        stories.filter(pk__in=[pk, partner]).update(translation_group=uuid.uuid4())
        grouped |= {pk, partner}


def groups_to_pairs(apps, schema_editor):
    """Back to pairs: groups of exactly two stories, the only ones pairs can hold."""
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.using(schema_editor.connection.alias)
    members = {}
    for pk, group in stories.filter(translation_group__isnull=False).values_list("pk", "translation_group"):
        members.setdefault(group, []).append(pk)
    for pks in members.values():
        if len(pks) == 2:
            first, second = pks
            stories.filter(pk=first).update(translation=second)
            stories.filter(pk=second).update(translation=first)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_deleted_story_tombstones"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="translation_group",
            field=models.UUIDField(
                blank=True,
                editable=False,
                help_text="Shared by the versions of one story in the editions, at most one per edition.",
                null=True,
                verbose_name="translation group",
            ),
        ),
        migrations.RunPython(pairs_to_groups, groups_to_pairs, elidable=False),
        migrations.RemoveField(
            model_name="article",
            name="translation",
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("translation_group", "edition"), name="one_version_per_edition_of_a_story"
            ),
        ),
    ]
