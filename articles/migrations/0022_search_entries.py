"""Search reads a narrow copy of the stories (articles.discovery.models.SearchEntry), kept by a trigger.

A trigger rather than code in save(), as for the search vector itself (0006): bulk_create,
queryset.update() and raw imports bypass save(). The copy is written after the vector's own BEFORE
trigger, only when a column it holds changed (not for a comment count or a rating), and deleted with
the story. It is filled in order of publication, the order a newsroom adds to it, so that the newest
matches of a search lie on neighbouring pages. Its per-edition GIN indexes are made by
articles.editions.edition_search_configs_sync after every migrate, like those of articles_article.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

SQL = """
CREATE FUNCTION articles_searchentry_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM articles_searchentry WHERE id = OLD.id;
        RETURN NULL;
    END IF;
    INSERT INTO articles_searchentry (id, edition, section_id, status, published_at, search_vector)
    VALUES (NEW.id, NEW.edition, NEW.section_id, NEW.status, NEW.published_at, NEW.search_vector)
    ON CONFLICT (id) DO UPDATE SET
        edition = EXCLUDED.edition,
        section_id = EXCLUDED.section_id,
        status = EXCLUDED.status,
        published_at = EXCLUDED.published_at,
        search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_searchentry_insert AFTER INSERT ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_searchentry_sync();
CREATE TRIGGER articles_searchentry_update AFTER UPDATE ON articles_article
    FOR EACH ROW WHEN (
        OLD.edition IS DISTINCT FROM NEW.edition
        OR OLD.section_id IS DISTINCT FROM NEW.section_id
        OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.published_at IS DISTINCT FROM NEW.published_at
        OR OLD.search_vector IS DISTINCT FROM NEW.search_vector
    ) EXECUTE FUNCTION articles_searchentry_sync();
CREATE TRIGGER articles_searchentry_delete AFTER DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_searchentry_sync();

INSERT INTO articles_searchentry (id, edition, section_id, status, published_at, search_vector)
    SELECT id, edition, section_id, status, published_at, search_vector FROM articles_article
    ORDER BY published_at NULLS FIRST, id;
ANALYZE articles_searchentry;
"""

REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_searchentry_insert ON articles_article;
DROP TRIGGER IF EXISTS articles_searchentry_update ON articles_article;
DROP TRIGGER IF EXISTS articles_searchentry_delete ON articles_article;
DROP FUNCTION IF EXISTS articles_searchentry_sync();
"""


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0021_author_photo"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("edition", models.CharField(max_length=5)),
                ("status", models.CharField(max_length=10)),
                ("published_at", models.DateTimeField(null=True)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                (
                    "section",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.section",
                    ),
                ),
            ],
            options={
                "default_permissions": (),
                "indexes": [
                    models.Index(fields=["edition", "status", "-published_at"], name="search_entry_feed"),
                    models.Index(fields=["section", "status", "-published_at"], name="search_entry_section_feed"),
                ],
            },
        ),
        RunSQLOnPostgreSQL(SQL, REVERSE_SQL),
    ]
