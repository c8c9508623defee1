"""Readers polling a live blog, over HTTP, as a ratio to a bare Django view on the same server.

    .venv/bin/python bench/live.py [--seconds 5] [--connections 32] [--rounds 2] [--entries 200]   (make bench)

1. Creates (if needed) and migrates its own database (DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/np_bench_live) and writes one live blog of --entries entries.
2. Starts deploy/serve.sh (gunicorn with deploy/gunicorn.conf.py, production settings, Redis) on --port
   with BENCH_YARDSTICK=true, so /bench/yardstick/ (a bare view returning 38 KB) is routed.
3. With wrk on loopback, --rounds times each: the yardstick, then
   - the poll every open page makes (`?after=<newest id>`: nothing new), answered by the page cache;
   - a poll from a reader a few entries behind (a few entries' HTML in the answer);
   - the same poll revalidated (`If-None-Match`: 304, what browsers send once their copy is 5 s old);
   - the story page itself (page cache).
4. Prints polls per second, the ratio to the bare view, and how many readers that serves at the
   blog's polling interval; writes the table under bench/results/. Stops what it started.

Exits with status 1 when a request failed.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    RESULTS,
    ROOT,
    YARDSTICK,
    alternate,
    ensure_database,
    manage,
    ms,
    server_env,
    start,
    stop,
    wait_for,
)

PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/np_bench_live"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/6"

SEED = """
from datetime import timedelta
from django.utils import timezone
from articles.live.models import LiveBlog, LiveEntry
from articles.live.services import live_blog_open
from articles.models import Article, Section
from newsportal import pagecache

section, _ = Section.objects.get_or_create(edition="en", slug="news", defaults={"name": "News"})
story, _ = Article.objects.get_or_create(
    edition="en", slug="bench-live-blog",
    defaults={"section": section, "title": "Election night, as it happens", "lead": "Results as they come in.",
              "status": "published", "published_at": timezone.now() - timedelta(hours=3)},
)
blog = live_blog_open(article=story)
have = blog.entries.count()
start = timezone.now() - timedelta(minutes=ENTRIES)
LiveEntry.objects.bulk_create(
    LiveEntry(blog=blog, body=f"<p>Update {n}: turnout figures from another region are in.</p>",
              is_key_event=n % 40 == 0, published_at=start + timedelta(minutes=n))
    for n in range(have, ENTRIES)
)
pagecache.story_changed(article_ids=[blog.pk])
ids = list(blog.entries.order_by("-id").values_list("id", flat=True)[:4])
print("BENCH", story.pk, story.get_absolute_url(), ids[0], ids[-1])
"""


def seed(env, entries):
    manage(env, "migrate", "--noinput", "-v", "0")
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SEED.replace("ENTRIES", str(entries))],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pk, story_url, newest, behind = output.split("BENCH", 1)[1].split()
    return int(pk), story_url, int(newest), int(behind)


def etag_of(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310 - a loopback URL the bench builds
        return response.headers["ETag"], response.headers.get("X-Page-Cache"), response.headers["Cache-Control"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=5, help="Length of each wrk run.")
    parser.add_argument("--rounds", type=int, default=2, help="Yardstick/poll pairs per row.")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--interval", type=int, default=15, help="Seconds between one reader's polls.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench/live.py needs wrk (apt-get install wrk).")

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(url)
    # Its own Redis database: the pages' benchmark may have left pages of the same addresses in its one.
    env = server_env(url, REDIS_URL=os.environ.get("REDIS_URL", DEFAULT_REDIS_URL), SERVE_SCHEDULER="false")
    pk, story_url, newest, behind = seed(env, args.entries)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    processes = []
    try:
        with open(RESULTS / f"live-{stamp}-server.log", "w") as log:
            processes.append(start(["deploy/serve.sh"], {**env, "PORT": str(args.port)}, log))
            base = f"http://127.0.0.1:{args.port}"
            wait_for(base + YARDSTICK)
            poll = f"{base}/en/live/{pk}/entries/?after={newest}"
            poll_behind = f"{base}/en/live/{pk}/entries/?after={behind}"
            for path in (poll, poll_behind, base + story_url):
                wait_for(path)  # fills the page cache
            etag, status, cache_control = etag_of(poll)
            print(f"poll: X-Page-Cache {status}, Cache-Control {cache_control}")
            proto = ["X-Forwarded-Proto: https"]
            measure = {"rounds": args.rounds, "seconds": args.seconds, "connections": args.connections}
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"\nwrk, {args.connections} connections, {args.rounds}×{args.seconds} s; load average {load}")
            yard = base + YARDSTICK
            rows = [
                alternate("poll, nothing new", poll, yard, headers=proto, **measure),
                alternate("poll, 3 entries behind", poll_behind, yard, headers=proto, **measure),
                alternate("poll, revalidated (304)", poll, yard, headers=[*proto, f"If-None-Match: {etag}"], **measure),
                alternate("the live blog's page", base + story_url, yard, headers=proto, **measure),
            ]
        lines = [
            f"Run {stamp}: one live blog of {args.entries} entries; {os.cpu_count()} CPUs, load average {load}; "
            f"wrk {args.connections} connections, {args.rounds}×{args.seconds} s per row and yardstick.",
            "",
            f"| request | req/s | p50 ms | p99 ms | bare view req/s | ratio | readers at {args.interval} s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in rows:
            readers = int(r["rps"] * args.interval)
            lines.append(
                f"| {r['page']} | {r['rps']:.1f} | {ms(r['p50'])} | {ms(r['p99'])} | {r['yardstick_rps']:.1f} | "
                f"{r['ratio']:.3f} | {readers:,} |"
            )
        report = "\n".join(lines)
        print("\n" + report)
        (RESULTS / f"live-{stamp}.md").write_text(report + "\n")
        (RESULTS / f"live-{stamp}.json").write_text(json.dumps(rows, indent=2))
        print(f"\nwritten to {RESULTS / f'live-{stamp}.md'} (and .json)")
        return 1 if any(row["errors"] for row in rows) else 0
    finally:
        for process in reversed(processes):
            stop(process)


if __name__ == "__main__":
    sys.exit(main())
