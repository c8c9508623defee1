"""Requests per second of the partner API's story list against a bare Django view, on one server.

    .venv/bin/python bench/api.py [--stories 10000] [--seconds 10] [--connections 8]

Creates (if needed) and migrates a dedicated database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/np_bench_api), tops it up to --stories published stories
(bulk, with an author and tags on each), creates an API key, starts gunicorn on a free port of
127.0.0.1 and runs wrk against /bench/bare/ (a view that returns a constant, through every
middleware) and then /api/v1/stories?limit=20, /api/v1/stories/<id> and /api/v1/changes?limit=100,
each for --seconds. The ratio to the bare view is the figure to compare between machines.
"""

import argparse
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ratings import ROOT, ensure_database, manage, server_env, stop  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/np_bench_api"
# Below the ephemeral range, where TIME_WAIT sockets of the load itself could hold a port.
PORTS = range(8600, 8700)


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return None


SEED = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Author, Section
section, _ = Section.objects.get_or_create(edition="en", slug="bench", defaults={{"name": "Bench"}})
author, _ = Author.objects.get_or_create(slug="bench-desk", defaults={{"name": "Bench desk"}})
have = Article.objects.filter(section=section).count()
now = timezone.now()
new = Article.objects.bulk_create(
    [Article(edition="en", section=section, title=f"Bench story {{i}}", slug=f"bench-api-{{i}}",
             lead="A story for partners.", body="<p>" + "Words of the story. " * 40 + "</p>",
             status="published", published_at=now - timedelta(minutes=i))
     for i in range(have, {count})], batch_size=2000)
Article.authors.through.objects.bulk_create(
    [Article.authors.through(article_id=a.pk, author_id=author.pk) for a in new], batch_size=2000)
for a in new[:200]:
    a.tags.add("economy", "bench")
print(Article.objects.filter(section=section).order_by("-published_at").values_list("pk", flat=True).first())
"""


def wrk(url, seconds, connections, key=None):
    command = [shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if key:
        command[1:1] = ["-H", f"Authorization: Bearer {key}"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    median = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    return rate, median, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    import os

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    env = server_env(database_url)
    manage(env, "migrate", "--noinput")
    story = manage(env, "shell", "-c", SEED.format(count=args.stories)).strip().splitlines()[-1]
    manage(env, "dbshell", "--", "-c", "ANALYZE")
    key = manage(env, "api_key", "create", f"bench {secrets.token_hex(3)}", "--per-minute", "100000000").strip()

    port = free_port()
    if port is None:
        raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")
    command = [
        sys.executable, "-m", "gunicorn", "bench.api_wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--worker-class", "gthread",
        "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (fixed arguments)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                # Our own loopback server, an http address built above.
                with urllib.request.urlopen(f"{base}/bench/bare/", timeout=5):  # noqa: S310  # nosec B310
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer within 60 s")
        targets = [
            ("bare view", f"{base}/bench/bare/", None),
            ("API list (20 stories)", f"{base}/api/v1/stories?limit=20", key),
            ("API story", f"{base}/api/v1/stories/{story}", key),
            ("API changes (100)", f"{base}/api/v1/changes?limit=100", key),
        ]
        print(f"{args.stories} stories; gunicorn {args.workers}x{args.threads} on {base}; wrk {args.connections} conn")
        bare_rate = None
        for name, url, auth in targets:
            rate, median, errors = wrk(url, args.seconds, args.connections, auth)
            bare_rate = bare_rate or rate
            print(f"{name:24} {rate:8.1f} req/s  median {median:>8}  {rate / bare_rate:5.0%} of bare  errors {errors}")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
