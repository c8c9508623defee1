"""Tags saved with a slug that makes no address ("" or "_1" for "!!!") get a usable one."""

from django.db import migrations

from articles.tags import fallback_tag_slug, usable_slug


def fix_tag_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all().only("pk", "name", "slug"):
        if not usable_slug(tag.slug):
            tag.slug = fallback_tag_slug(tag.name)
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_photo_rendition_names"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(fix_tag_slugs, migrations.RunPython.noop)]
