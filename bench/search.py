"""Search latency through the real view over a large seeded archive on PostgreSQL.

    .venv/bin/python bench/search.py [--articles 100000] [--rounds 15] [--explain]

Creates (if needed) and migrates a dedicated database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/np_bench_search), tops it up to --articles stories with
`manage.py seed_demo --articles N` (split between the editions; the search trigger fills the
vectors as rows are inserted), runs ANALYZE, then requests /<lang>/search/?q=… in-process with
Django's test client for a fixed list of queries in both editions (common and rare words, phrases,
exclusions, odd characters, no match), each --rounds times after one warm-up. Reports the median and
95th percentile per query and overall, and the matches each query found. Nothing is cached between
requests unless SEARCH_CACHE_SECONDS says so (0 here by default): every request ranks the matches and
reads the page.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/np_bench_search"

# (edition, query, extra filters): what readers type, from very common words to nothing at all.
QUERIES = [
    ("en", "budget", {}),
    ("en", "central bank", {}),
    ("en", '"key rate"', {}),
    ("en", "inflation forecast", {}),
    ("en", "Kazan", {}),
    ("en", "Vladivostok port", {}),
    ("en", "election -Moscow", {}),
    ("en", "budget", {"section": "economy"}),
    ("en", "budget", {"date_from": "2026-01-01", "date_to": "2026-03-31"}),
    ("en", "zeppelin", {}),
    ("en", "&|!:* 😀", {}),
    ("ru", "бюджет", {}),
    ("ru", "санкции", {}),
    ("ru", "ключевая ставка", {}),
    ("ru", "выборы губернатора", {}),
    ("ru", "Казань", {}),
    ("ru", "Владивосток", {}),
    ("ru", "инфляция -Москва", {}),
    ("ru", "бюджет", {"section": "ekonomika"}),
    ("ru", "цеппелин", {}),
]


def ensure_database(url):
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    maintenance = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="Stories the archive should hold.")
    parser.add_argument("--rounds", type=int, default=15, help="Timed requests per query.")
    parser.add_argument("--explain", action="store_true", help="Print the plan of the first query's page.")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings",
        DATABASE_URL=database_url,
        DEBUG="false",  # no query log growing in memory, templates as in production
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        CONN_MAX_AGE="600",  # one connection for the run, as a production worker keeps it
        SEARCH_CACHE_SECONDS=os.environ.get("SEARCH_CACHE_SECONDS", "0"),  # time the database's work
        # Production settings insist on a shared cache.
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from articles.discovery.search import SearchForm, highlight, highlighted, in_order, search_candidates
    from articles.models import Article, Section

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < args.articles:
        print(f"seeding {args.articles - have} stories (have {have})…", flush=True)
        started = time.monotonic()
        call_command("seed_demo", articles=args.articles - have)
        print(f"seeded in {time.monotonic() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    per_edition = dict(Article.objects.published().values_list("edition").annotate(n=Count("id")).order_by())
    print(f"archive: {per_edition} published stories; PostgreSQL {connection.pg_version}")

    # DEBUG is off, but the bench does not run collectstatic: serve static names unhashed.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    client = Client()
    sections = {code: list(Section.objects.filter(edition=code)) for code, _name in settings.LANGUAGES}

    def through_queryset(edition, query, filters):
        """The search's own database work, as the view does it: the ranked ids of the matches, then the
        page of highlighted stories."""
        with translation.override(edition):
            form = SearchForm({"q": query, **filters}, sections=sections[edition])
            assert form.is_valid(), form.errors
            stories = Article.objects.published()
            page = Paginator(form.matches(search_candidates(), edition), settings.ARTICLES_PER_PAGE).get_page(1)
            highlight(in_order(highlighted(stories.with_cards(), query, edition), page.object_list), query)
            return page.paginator.count

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    rows = []
    view_times, queryset_times = {"en": [], "ru": []}, {"en": [], "ru": []}
    for edition, query, filters in QUERIES:
        params = {"q": query, **filters}
        url = f"/{edition}/search/"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)  # warm-up, and the query count
        sql_count = len(captured)  # now: the next request's start clears the query log
        if response.status_code != 200:
            print(f"FAILED {url} {params}: {response.status_code}")
            return 1
        found = through_queryset(edition, query, filters)
        times, qs_times = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            through_queryset(edition, query, filters)
            qs_times.append((time.perf_counter() - started) * 1000)
        view_times[edition].extend(times)
        queryset_times[edition].extend(qs_times)
        rows.append((edition, query, filters, found, sql_count, times, qs_times))
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    print(f"\n{'ed':3} {'query':34} {'found':>6} {'SQL':>4} {'view median/p95 ms':>19} {'queryset median/p95 ms':>23}")
    for edition, query, filters, found, queries, times, qs_times in rows:
        label = query + "".join(f" {k}={v}" for k, v in filters.items())
        view = f"{statistics.median(times):.0f} / {percentile(times, 0.95):.0f}"
        qs = f"{statistics.median(qs_times):.0f} / {percentile(qs_times, 0.95):.0f}"
        print(f"{edition:3} {label[:34]:34} {found:>6} {queries:>4} {view:>19} {qs:>23}")
    print()
    for name, measured in (("view", view_times), ("queryset", queryset_times)):
        for edition in ("en", "ru", None):
            values = measured[edition] if edition else measured["en"] + measured["ru"]
            print(
                f"{name:8} {edition or 'all':3}: {len(values)} runs, median {statistics.median(values):.1f} ms, "
                f"p95 {percentile(values, 0.95):.1f} ms"
            )

    if args.explain:
        with translation.override("en"):
            stories = Article.objects.published().search("budget", "en").with_cards()[:20]
            print("\nEXPLAIN ANALYZE (en, budget, first page):")
            print(stories.explain(analyze=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
