"""In-process time of the story page with a full page of comments: how much is SQL, how much is templates.

    DATABASE_URL=postgres://…/np_big .venv/bin/python bench/story_render.py [--rounds 30]

Picks the story with the most comments (a page of COMMENTS_PER_PAGE comments and their replies), then
requests it --rounds times through Django's test client after one warm-up, with the page cache off,
and prints the median and p95 of the whole request, of its SQL and of the rest (templates, mostly).
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",
        # The cold render: no kept blocks, so the figures are SQL and templates (render_inprocess.py: warm).
        FRAGMENT_CACHE_SECONDS="0",
        FRAGMENT_LOCAL_ENTRIES="0",
    )
    # Production settings want a shared cache; the bench's own Redis database unless one is given.
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    # DEBUG is off, but the bench does not run collectstatic: serve static names unhashed.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
    story = Article.objects.published().order_by("-comment_count").first()
    url = story.get_absolute_url()
    client = Client()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    shown = response.content.decode().count("data-comment=")
    totals, sqls = [], []
    for _ in range(args.rounds):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            totals.append((time.perf_counter() - started) * 1000)
        sqls.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    rest = [t - s for t, s in zip(totals, sqls, strict=True)]

    def p95(values):
        return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]

    print(f"{url}: {len(response.content) // 1024} KB, {shown} comments shown, {len(captured)} queries")
    for name, values in (("whole request", totals), ("SQL", sqls), ("the rest", rest)):
        print(f"{name:14} median {statistics.median(values):6.1f} ms   p95 {p95(values):6.1f} ms")


if __name__ == "__main__":
    main()
