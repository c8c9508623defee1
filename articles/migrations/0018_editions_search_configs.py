"""The search-vector trigger reads each edition's text-search configuration from a table.

Migration 0006 wrote the editions into the SQL ('ru' → russian, anything else → english). The table
EditionSearchConfig holds one row per edition of newsportal/editions.py, filled here and brought up
to date after every migrate (articles.editions.edition_search_configs_sync, which also adds the
partial GIN index of a new edition), so an edition added to the registry needs no new SQL. An
edition without a row is indexed with the "simple" configuration, as search.search_config queries it.
"""

from django.conf import settings
from django.db import migrations, models

SQL = """
CREATE OR REPLACE FUNCTION articles_article_search_vector(edition varchar, title text, lead text, body text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(lead, '')), 'B')
        || setweight(to_tsvector(config, coalesce(body, '')), 'C')
    FROM (
        SELECT coalesce(
            (SELECT config::regconfig FROM articles_editionsearchconfig WHERE articles_editionsearchconfig.edition = $1),
            'simple'::regconfig
        ) AS config
    ) AS edition_config
$$;
"""

# 0006's function, as it was.
REVERSE_SQL = """
CREATE OR REPLACE FUNCTION articles_article_search_vector(edition varchar, title text, lead text, body text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(lead, '')), 'B')
        || setweight(to_tsvector(config, coalesce(body, '')), 'C')
    FROM (SELECT (CASE edition WHEN 'ru' THEN 'russian' ELSE 'english' END)::regconfig AS config) AS edition_config
$$;
"""


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def configs_from_registry(apps, schema_editor):
    """The registry as it is when this runs: the vectors already stored were made in these configurations."""
    EditionSearchConfig = apps.get_model("articles", "EditionSearchConfig")
    EditionSearchConfig.objects.using(schema_editor.connection.alias).bulk_create(
        [EditionSearchConfig(edition=edition.code, config=edition.search_config) for edition in settings.EDITIONS]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_editions_translation_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="EditionSearchConfig",
            fields=[
                ("edition", models.CharField(max_length=16, primary_key=True, serialize=False)),
                ("config", models.CharField(max_length=63)),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunPython(configs_from_registry, migrations.RunPython.noop),
        RunSQLOnPostgreSQL(SQL, REVERSE_SQL),
    ]
