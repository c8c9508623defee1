"""Search latency over HTTP: a gunicorn with production settings, the queries readers send most.

    .venv/bin/python bench/search_http.py [--port 8201] [--rounds 5] [--workers 2]   (make bench)
    DATABASE_URL=postgres://…/np_big REDIS_URL=redis://127.0.0.1:6379/2 .venv/bin/python bench/search_http.py

Runs collectstatic, starts gunicorn as `make serve` does (deploy/gunicorn.conf.py, bench/pages.py's
production environment: DEBUG=false, the page cache off with PAGE_CACHE_SECONDS=0, the search cache and
kept blocks on) on 127.0.0.1:PORT, and requests /<edition>/search/?q=… one at a time: the 20 commonest
words of each edition (from the search vectors themselves), rare words, two-word
phrases. The database is used as it is (default: newsportal_bench, which bench/pages.py seeds).

Every timed round makes each query new: the site's version is moved on first (what any editorial change
does), so neither the found ids nor the kept results block of an earlier round can answer it. The site's
chrome (masthead, navigation, footer, the sections) is then rendered again by untimed requests for an
unrelated word, as it is on a live site where pages other than this search keep it warm. Each query is then
requested twice: "first" is a reader making that search for the first time since the site changed (the
ranking query, the page's stories with their highlights, the rendering of twenty cards), "repeated" the
next reader (answered from the kept block). Before the rounds, untimed requests warm every worker (imports,
templates, the database connection): a worker's first request is not a search's cost.

Prints p50/p95 per edition and kind; the target (issue 11) is p95 ≤ 80 ms for first searches in each
edition, and the exit status is 1 when a request fails or an edition misses it.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from pages import server_env as production_env

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsportal_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
TARGET_MS = 80
CONFIGS = {"en": "english", "ru": "russian"}
RARE = {
    "en": ["zeppelin", "Vladivostok", "avalanche", "quarantine"],
    "ru": ["цеппелин", "Владивосток", "лавина", "карантин"],
}
PHRASES = {
    "en": ["central bank", "key rate", "budget deficit", "inflation forecast"],
    "ru": ["ключевая ставка", "центральный банк", "дефицит бюджета", "прогноз инфляции"],
}
# Searched untimed to warm the workers and the site's chrome; not among the measured queries.
WARM_UP = {"en": "weather", "ru": "погода"}
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def commonest_words(url, edition, top=20):
    """The lexemes in most stories of the edition (their stems search as well as the words)."""
    with psycopg.connect(url) as conn:
        inner = conn.execute(
            "SELECT format('SELECT search_vector FROM articles_article WHERE edition = %%L', %s::text)", [edition]
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT word FROM ts_stat(%s) WHERE length(word) > 3 ORDER BY ndoc DESC LIMIT %s", [inner, top]
        ).fetchall()
    return [word for (word,) in rows]


def measured_queries(url):
    queries = []
    for edition in CONFIGS:
        queries += [(edition, "common", word) for word in commonest_words(url, edition)]
        queries += [(edition, "rare", word) for word in RARE[edition]]
        queries += [(edition, "phrase", phrase) for phrase in PHRASES[edition]]
    return queries


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/robots.txt", headers=HEADERS)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def server_env():
    """The database URL (refused unless PostgreSQL) and `make serve`'s production environment on it
    (bench/pages.py's), with the page cache off: every search is rendered."""
    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database seeded at size.")
    return url, production_env(url, DJANGO_SETTINGS_MODULE="newsportal.settings", PAGE_CACHE_SECONDS="0")


def get(conn, path):
    """(milliseconds, status) of one request on a kept-alive connection."""
    started = time.perf_counter()
    conn.request("GET", path, headers=HEADERS)
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def search_path(edition, query):
    return f"/{edition}/search/?{urlencode({'q': query})}"


def site_changed(env):
    """Move the site's version on, as an editorial change does: every search is new again."""
    code = "from newsportal.pagecache import site_changed; site_changed()"
    subprocess.run(  # noqa: S603 (our own command)  # nosec B603
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    time.sleep(1.2)  # processes trust a version they read for PAGE_CACHE_LOCAL_SECONDS (1 s)


def warm_up(conn, *, requests=8):
    """Untimed requests enough for every worker to serve some: the chrome and sections read again."""
    for edition, word in WARM_UP.items():
        for _ in range(requests):
            get(conn, search_path(edition, word))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--rounds", type=int, default=5, help="Times each query is made new and measured.")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    url, env = server_env()
    collect = [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own commands)  # nosec B603
    queries = measured_queries(url)

    server = subprocess.Popen(  # noqa: S603 (our own command)  # nosec B603
        [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsportal.wsgi"],
        cwd=ROOT,
        env={**env, "HOST": "127.0.0.1", "PORT": str(args.port), "WEB_CONCURRENCY": str(args.workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    times = {}
    try:
        wait_for(args.port)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        warm_up(conn, requests=4 * args.workers)
        for _round in range(args.rounds):
            site_changed(env)
            warm_up(conn, requests=4 * args.workers)
            for edition, kind, query in queries:
                path = search_path(edition, query)
                for column in ("first", "repeated"):
                    elapsed, status = get(conn, path)
                    if status != 200:
                        raise SystemExit(f"{path}: {status}")
                    groups = [kind, "all"] if column == "first" else ["all"]
                    for group in groups:
                        times.setdefault((edition, group, column), []).append(elapsed)
    finally:
        server.terminate()
        server.wait(10)

    print(
        f"{len(queries)} queries × {args.rounds} rounds, each made new every round; gunicorn (deploy/gunicorn.conf.py) "
        f"with {args.workers} workers, DEBUG off; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'edition':8} {'search':9} {'kind':7} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7}")
    failed = False
    for (edition, group, column), values in sorted(times.items()):
        p95 = percentile(values, 0.95)
        failed |= column == "first" and group == "all" and p95 > TARGET_MS
        print(f"{edition:8} {column:9} {group:7} {len(values):>8} {statistics.median(values):>7.1f} {p95:>7.1f}")
    print(f"target: p95 of first searches ≤ {TARGET_MS} ms in each edition: {'missed' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
