"""The story page with a growing discussion: queries and render time, in-process on PostgreSQL.

    .venv/bin/python bench/comments.py [--sizes 0 5 50 500 5000] [--renders 30]

Creates (if needed) and migrates a dedicated database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/np_bench_comments). For each size it makes a fresh story
with that many published comments (four in five top-level, the rest replies, as bulk inserts),
recounts it through the service, then renders the story page --renders times through Django's
test client (no HTTP server, no page cache) and reports the queries per render and the median
and 95th percentile render time. The query count must be the same for every size that has
comments; the run exits with status 1 if it is not, or if a page fails.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/np_bench_comments"


def ensure_database(url):
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    maintenance = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def setup_django(url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def story_with(size):
    from django.utils import timezone

    from articles.models import Article, Section
    from comments.models import Comment
    from comments.services import comment_count_refresh

    section, _ = Section.objects.get_or_create(edition="en", slug="bench", defaults={"name": "Bench"})
    stamp = time.time_ns()
    story = Article.objects.create(
        edition="en",
        section=section,
        title=f"Bench story with {size} comments",
        slug=f"bench-{size}-{stamp}",
        lead="A story for measuring the discussion under it.",
        body="<p>Body.</p>",
        status="published",
        published_at=timezone.now() - timedelta(hours=1),
    )
    now = timezone.now()
    top_level = size - size // 5
    tops = Comment.objects.bulk_create(
        Comment(
            article=story,
            author_name=f"Reader {i}",
            text=f"Comment {i} with a link www.example.org and\na second line.",
            status="approved",
            created_at=now - timedelta(seconds=size - i),
        )
        for i in range(top_level)
    )
    Comment.objects.bulk_create(
        Comment(
            article=story,
            parent=tops[i % len(tops)],
            author_name=f"Replier {i}",
            text=f"Reply {i}",
            status="approved",
            created_at=now,
        )
        for i in range(size // 5)
    )
    comment_count_refresh(article_ids=[story.pk])
    story.refresh_from_db()
    assert story.comment_count == size, (story.comment_count, size)
    return story


def measure(story, renders):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    url = story.get_absolute_url()
    client.get(url)  # templates compiled, connections open
    timings, queries = [], set()
    for _ in range(renders):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries.add(len(captured.captured_queries))
    timings.sort()
    return queries, statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 5, 50, 500, 5000])
    parser.add_argument("--renders", type=int, default=30)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(url)
    setup_django(url)
    from django.conf import settings

    print(f"story page, {settings.COMMENTS_PER_PAGE} top-level comments per page, {args.renders} renders each")
    print(f"{'comments':>9} {'queries':>8} {'median ms':>10} {'p95 ms':>8}")
    with_comments = set()
    for size in args.sizes:
        queries, median, p95 = measure(story_with(size), args.renders)
        print(f"{size:>9} {'/'.join(map(str, sorted(queries))):>8} {median:>10.1f} {p95:>8.1f}")
        if size:
            with_comments |= queries
    if len(with_comments) > 1:
        print(f"FAIL: the query count changed with the discussion: {sorted(with_comments)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
