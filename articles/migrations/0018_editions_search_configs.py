"""The search-vector trigger's configurations come from the edition registry.

Migration 0006 wrote two editions into the SQL ('ru' → russian, anything else → english). Now the
function is written from newsportal/editions.py, here and again after any `migrate` that finds the
registry changed (articles.editions.edition_search_configs_sync, which also adds the partial GIN
index of a new edition), and EditionSearchConfig records which configuration each edition's stored
vectors are in. An edition added to the registry needs no new SQL. Unknown editions are indexed
with "simple", as search.search_config queries them.
"""

from django.conf import settings
from django.db import migrations, models

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


def configs_from_registry(apps, schema_editor):
    """The registry as it is when this runs; en and ru keep the configurations their vectors are in."""
    from articles.editions import search_vector_function_sql

    configs = {edition.code: edition.search_config for edition in settings.EDITIONS}
    EditionSearchConfig = apps.get_model("articles", "EditionSearchConfig")
    EditionSearchConfig.objects.using(schema_editor.connection.alias).bulk_create(
        [EditionSearchConfig(edition=code, config=config) for code, config in configs.items()]
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_vector_function_sql(configs))


def function_of_0006(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE_SQL)


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
        migrations.RunPython(configs_from_registry, function_of_0006),
    ]
