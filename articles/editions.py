"""Where the edition switch leads from each page, which pages are the same page in several editions,
and the editions' search configurations in the database.

Every page gets `alternates` in its context: the switch's target in each edition (that edition's home
unless a view knows better) and which of the targets are real equivalents. Only equivalents (the homes,
a story and its live versions in other editions) are announced to search engines with hreflang.
"""

import functools
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections
from django.urls import get_script_prefix

from newsportal.editions import CODE_PATTERN, edition_codes, edition_get

from .models import Article, EditionSearchConfig, SearchEntry, edition_url


@dataclass(frozen=True)
class Alternates:
    """The page's address in each edition; `equivalents`: the editions where it is the same page, translated."""

    urls: dict = field(default_factory=dict)
    equivalents: tuple = ()

    def url_for(self, edition):
        return self.urls.get(edition) or edition_url(edition, "articles:home")

    def hreflang(self, request):
        """(hreflang, absolute URL) pairs, x-default last; empty unless the page has an equivalent."""
        if len(self.equivalents) < 2:
            return []
        links = [
            (edition_get(code).hreflang, request.build_absolute_uri(self.url_for(code)))
            for code in edition_codes()
            if code in self.equivalents
        ]
        return [*links, ("x-default", request.build_absolute_uri(self.default_url()))]

    def default_url(self):
        """The default edition's page, else the first edition's that has it."""
        default = settings.LANGUAGE_CODE
        if default in self.equivalents or not self.equivalents:
            return self.url_for(default)
        return self.url_for(next(code for code in edition_codes() if code in self.equivalents))


def edition_homes():
    """The alternates of the home page, and the default of every other page."""
    codes = tuple(edition_codes())
    return Alternates(urls=dict(_home_urls(get_script_prefix(), codes)), equivalents=codes)


@functools.lru_cache(maxsize=8)
def _home_urls(script_prefix, codes):
    """Every edition's home address: reversed once per process (every page's edition switch needs them)."""
    return {code: edition_url(code, "articles:home") for code in codes}


def default_alternates():
    """A page without a counterpart: the switch leads to the other edition's home; nothing for hreflang."""
    return Alternates(urls=edition_homes().urls)


def story_alternates(article):
    """The story in each edition where a version of it is live, else that edition's home.

    Announced as equivalents only when the story itself is live too (a preview is no page for search
    engines). The versions come with the page's own query (ArticleQuerySet.with_page), so this costs none.
    """
    urls = dict(default_alternates().urls)
    urls[article.edition] = article.get_absolute_url()
    live = [version for version in article.other_versions() if version.is_live]
    for version in live:
        urls[version.edition] = version.get_absolute_url()
    equivalents = (article.edition, *(version.edition for version in live)) if live and article.is_live else ()
    return Alternates(urls=urls, equivalents=equivalents)


def page_alternates(viewname, **kwargs):
    """The same address in every edition, e.g. an archive day: a sensible switch target, not a translation."""
    return Alternates(urls={code: edition_url(code, viewname, **kwargs) for code in edition_codes()})


# PostgreSQL's text-search configuration names: written into SQL, so checked first.
SEARCH_CONFIG_NAME = re.compile(r"^[a-z_]+$")


def search_index_name(code, table="articles_article"):
    return f"{table}_search_{code.replace('-', '_')}"


def search_vector_function_sql(configs):
    """The search-vector trigger's function with {edition: configuration} written in.

    Written in rather than looked up in a table per row: a lookup made re-indexing 20,000 stories
    about 10% (text column: 45%) slower. Editions not named are indexed with "simple".
    """
    for code, config in configs.items():
        if not (CODE_PATTERN.match(code) and SEARCH_CONFIG_NAME.match(config)):
            raise ValueError(f"Edition {code!r} or its search configuration {config!r} is not a plain name.")
    branches = " ".join(f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in configs.items())
    # Only checked plain names above are written in.
    return f"""
CREATE OR REPLACE FUNCTION articles_article_search_vector(edition varchar, title text, lead text, body text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(lead, '')), 'B')
        || setweight(to_tsvector(config, coalesce(body, '')), 'C')
    FROM (SELECT (CASE edition {branches} ELSE 'simple'::regconfig END) AS config) AS edition_config
$$;
"""  # noqa: S608


def edition_search_configs_sync(using="default", **kwargs):
    """Bring the database's search configurations up to the registry (after every migrate).

    EditionSearchConfig records the configuration each edition's stored vectors are in. When the
    registry differs (a new edition, a changed configuration), the search-vector trigger's function is
    written anew from it, the changed editions' vectors are recomputed, and on PostgreSQL every edition
    gets the partial GIN index its searches use. A new edition therefore needs no SQL of its own.
    """
    connection = connections[using]
    if EditionSearchConfig._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the table
    wanted = {edition.code: edition.search_config for edition in settings.EDITIONS}
    stored = dict(EditionSearchConfig.objects.using(using).values_list("edition", "config"))
    changed = [code for code, config in wanted.items() if stored.get(code) != config]
    EditionSearchConfig.objects.using(using).exclude(edition__in=wanted).delete()
    for code in changed:
        EditionSearchConfig.objects.using(using).update_or_create(edition=code, defaults={"config": wanted[code]})
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if stored != wanted:
            cursor.execute(search_vector_function_sql(wanted))
        # Search reads the narrow copy (articles.discovery.models.SearchEntry); stories keep their own
        # index for Article.objects.search over any queryset.
        tables = [Article._meta.db_table]
        if SearchEntry._meta.db_table in connection.introspection.table_names():
            tables.append(SearchEntry._meta.db_table)
        for code in wanted:
            for table in tables:
                # Codes are checked against newsportal.editions.CODE_PATTERN: letters and one hyphen only.
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {search_index_name(code, table)} ON {table} "  # noqa: S608
                    f"USING gin (search_vector) WHERE edition = %s",
                    [code],
                )
        if changed:
            # The trigger recomputes a vector whenever search_vector is written.
            cursor.execute("UPDATE articles_article SET search_vector = NULL WHERE edition = ANY(%s)", [changed])
