"""Indexes for the partner API's two orders, so that a page reads its rows in order instead of sorting
every visible story: the list (newest first) and the changes feed (by the time of the last change,
the expression of articles.api.views._changed_at). PostgreSQL only; the demo's SQLite sorts."""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS article_partner_list ON articles_article (published_at DESC, id DESC) "
    "WHERE status = 'published'",
    "CREATE INDEX IF NOT EXISTS article_partner_changes ON articles_article "
    "((GREATEST(modified_at, published_at, COALESCE(updated_at, modified_at))), id) "
    "WHERE published_at IS NOT NULL",
]
DROP = ["DROP INDEX IF EXISTS article_partner_list", "DROP INDEX IF EXISTS article_partner_changes"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_partner_api_and_wire")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
