"""The "Editors" and "Moderators" groups (see articles/desk/permissions.py)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.desk.permissions import EDITORIAL_GROUPS, sync_editorial_groups


def create_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    # On a fresh database permissions are only created after the whole migrate
    # run (post_migrate); create them now so the groups start complete.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
    sync_editorial_groups(apps=apps, using=using)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=list(EDITORIAL_GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(create_groups, delete_groups),
    ]
