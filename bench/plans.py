"""The query plan of every query of every page type, at the size of the database you point it at.

    DATABASE_URL=postgres://…/np_big .venv/bin/python bench/plans.py [--pages home,story] [--verbose]

Renders each page type (home, section, tag, author, year/month/day archive, story with comments,
search for a common and a rare word, feeds, a sitemap page) through Django's test client in both
editions, captures its queries, runs EXPLAIN (ANALYZE, BUFFERS) on each and prints one line per query:
its time, the rows the plan read, the buffers it touched and its top plan nodes. Exits non-zero when a
plan reads articles_article, articles_searchentry (what search ranks) or comments_comment with a
sequential scan or sorts on disk: the sign of a page whose cost grows with the archive. Nothing is
cached (PAGE_CACHE_SECONDS=0, no fragments, local memory cache); the ranked lists are refreshed once
first, as their job does.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WATCHED_TABLES = {"articles_article", "articles_searchentry", "comments_comment"}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    # Warm fragments would hide the queries (a warm page makes none): every page is rendered in full.
    os.environ["FRAGMENT_CACHE_SECONDS"] = "0"
    os.environ.pop("REDIS_URL", None)  # a private local-memory cache: nothing served from a warm one
    os.environ["SEARCH_CACHE_SECONDS"] = "0"  # a search's plans are those of its first request
    # Production settings refuse a local-memory cache; plans do not depend on DEBUG, so the demo's is used.
    os.environ["DEBUG"] = "true"
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host: pages are rendered in process
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database seeded at size (see bench/README.md).")
    import django

    django.setup()


def sample_paths(edition):
    """One URL of each page type in `edition`, picked from the data (busiest story, commonest tag, newest live blog)."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone, translation
    from taggit.models import Tag

    from articles.models import Article, Author

    stories = Article.objects.published().in_edition(edition)
    newest = stories.select_related("section").order_by("-published_at").first()
    busiest = stories.select_related("section").order_by("-comment_count").first()
    tag = (
        Tag.objects.filter(taggit_taggeditem_items__object_id__in=stories.order_by("-published_at")[:200].values("pk"))
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    author = Author.objects.filter(articles__in=stories.order_by("-published_at")[:50]).first()
    day = timezone.localtime(newest.published_at)
    common, rare = {"en": ("budget", "zeppelin"), "ru": ("бюджет", "цеппелин")}[edition]
    with translation.override(edition):
        paths = {
            "home": reverse("articles:home"),
            "section": newest.section.get_absolute_url(),
            "section page 50": newest.section.get_absolute_url() + "?page=50",
            "tag": reverse("articles:tag", kwargs={"slug": tag.slug}) if tag else None,
            "author": reverse("articles:author", kwargs={"slug": author.slug}) if author else None,
            "archive year": reverse("articles:archive_year", kwargs={"year": f"{day:%Y}"}),
            "archive month": reverse("articles:archive_month", kwargs={"year": f"{day:%Y}", "month": f"{day:%m}"}),
            "archive day": reverse(
                "articles:archive_day", kwargs={"year": f"{day:%Y}", "month": f"{day:%m}", "day": f"{day:%d}"}
            ),
            f"story ({busiest.comment_count} comments)": busiest.get_absolute_url(),
            "story comments page 3": busiest.get_absolute_url() + "?cpage=3",
            "search common": reverse("articles:search") + f"?q={common}",
            "search rare": reverse("articles:search") + f"?q={rare}",
            "search phrase": reverse("articles:search") + f"?q={common}+{'bank' if edition == 'en' else 'банк'}",
            "feed rss": reverse("articles:feed_rss"),
            "feed section atom": reverse("articles:feed_section_atom", kwargs={"section": newest.section.slug}),
        }
    from articles.live.models import LiveBlog
    from articles.live.pages import entries_per_page

    blog = (
        LiveBlog.objects.filter(article__in=stories).select_related("article__section").order_by("-opened_at").first()
    )
    if blog is not None:  # the showcase has one per edition; bulk seeding none
        newest_entry = blog.entries.order_by("-id").values_list("id", flat=True).first() or 0
        with translation.override(edition):
            paths["live blog"] = blog.article.get_absolute_url()
            if blog.entries.filter(is_pinned=False).count() > entries_per_page():
                paths["live blog page 2"] = blog.article.get_absolute_url() + "?page=2"
            paths["live poll"] = reverse("articles:live_poll", kwargs={"pk": blog.pk}) + f"?after={newest_entry}"
    if edition == "en":
        paths["sitemap index"] = reverse("sitemap_index")
        paths["sitemap stories page 2"] = reverse("sitemap_section", kwargs={"section": f"stories-{edition}"}) + "?p=2"
        paths["sitemap news"] = reverse("sitemap_section", kwargs={"section": f"news-{edition}"})
    return {name: path for name, path in paths.items() if path}


def walk(node, depth=0):
    yield node, depth
    for child in node.get("Plans", []):
        yield from walk(child, depth + 1)


def explain(sql):
    """The plan of one captured query, as (execution ms, problems, summary lines)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    root = plan[0]["Plan"]
    problems, nodes = [], []
    for node, depth in walk(root):
        kind = node["Node Type"]
        relation = node.get("Relation Name", "")
        index = node.get("Index Name", "")
        label = kind + (f" on {relation}" if relation else "") + (f" using {index}" if index else "")
        nodes.append(f"{'  ' * depth}{label} (rows {node.get('Actual Rows', 0)} × {node.get('Actual Loops', 1)})")
        if kind == "Seq Scan" and relation in WATCHED_TABLES:
            problems.append(f"sequential scan on {relation}")
        if node.get("Sort Space Type") == "Disk" or "Disk" in str(node.get("Sort Method", "")):
            problems.append(f"sort on disk ({node.get('Sort Space Used')} kB)")
        if kind == "Hash" and node.get("Hash Batches", 1) > 1:
            problems.append("hash spilled to disk")
    buffers = root.get("Shared Hit Blocks", 0) + root.get("Shared Read Blocks", 0)
    return plan[0]["Execution Time"], problems, nodes, buffers


def run(pages, verbose):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.discovery.rankings import rankings_refresh

    rankings_refresh()
    client = Client()
    failures = 0
    for edition in ("en", "ru"):
        for name, path in sample_paths(edition).items():
            if pages and not any(name.startswith(p) for p in pages):
                continue
            if not path.startswith("/sitemap"):  # sitemaps are cached whole: measure their first request
                client.get(path, secure=True)  # warm: templates, sections in the cache
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
            queries = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
            print(f"\n[{edition}] {name}  {path}  → {response.status_code}, {len(queries)} queries, {elapsed:.0f} ms")
            if response.status_code != 200:
                failures += 1
                print("  !! not 200")
            for number, sql in enumerate(queries, start=1):
                ms, problems, nodes, buffers = explain(sql)
                flag = "  !! " + "; ".join(problems) if problems else ""
                print(f"  q{number}: {ms:7.2f} ms, {buffers:6d} buffers  {nodes[0].strip()}{flag}")
                if verbose or problems:
                    print("      " + sql[:300].replace("\n", " "))
                    for line in nodes[1:]:
                        print(f"      {line}")
                failures += bool(problems)
    print(f"\n{'OK: no sequential scan of stories or comments, no sort on disk' if not failures else 'FAILED'}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="", help="Comma-separated page names (prefixes) to check; all by default.")
    parser.add_argument("--verbose", action="store_true", help="Print every query and its whole plan.")
    args = parser.parse_args()
    setup_django()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    sys.exit(1 if run(pages, args.verbose) else 0)


if __name__ == "__main__":
    main()
