"""Search latency over HTTP: a gunicorn with production settings, the queries readers send most.

    DATABASE_URL=postgres://…/np_big REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/search_http.py [--port 8201] [--rounds 10] [--workers 2]

Runs collectstatic, starts gunicorn (DEBUG=false, CONN_MAX_AGE as production sets it, the page cache
off with PAGE_CACHE_SECONDS=0) on 127.0.0.1:PORT, and requests /<edition>/search/?q=… one at a time
over a kept-alive connection: the 20 commonest words of each edition (from the search vectors
themselves), rare words, two-word phrases. Prints p50/p95 per kind and edition; the goal is p95 ≤ 80 ms.
The database is used as it is: seed it first (seed_demo --articles 100000).

Each query is sent once before the timed rounds; that first request is reported on its own ("first"). With
the search cache on (SEARCH_CACHE_SECONDS, 300 by default) it is the one that runs the ranking query and
the timed rounds are answered from the cache; SEARCH_CACHE_SECONDS=0 in the environment times every
request in the database (the cold case).
"""

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CONFIGS = {"en": "english", "ru": "russian"}
RARE = {
    "en": ["zeppelin", "Vladivostok", "avalanche", "quarantine"],
    "ru": ["цеппелин", "Владивосток", "лавина", "карантин"],
}
PHRASES = {
    "en": ["central bank", "key rate", "budget deficit", "inflation forecast"],
    "ru": ["ключевая ставка", "центральный банк", "дефицит бюджета", "прогноз инфляции"],
}


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


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/robots.txt", headers={"X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer")


def server_env():
    """The database URL (refused unless PostgreSQL) and the environment of a production-like server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database seeded at size.")
    return url, {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BEHIND_PROXY": "true",
        "PAGE_CACHE_SECONDS": "0",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8201)
    parser.add_argument("--rounds", type=int, default=10, help="Timed requests per query (after one warm-up).")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    url, env = server_env()
    collect = [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own commands)  # nosec B603
    queries = []
    for edition in CONFIGS:
        queries += [(edition, "common", word) for word in commonest_words(url, edition)]
        queries += [(edition, "rare", word) for word in RARE[edition]]
        queries += [(edition, "phrase", phrase) for phrase in PHRASES[edition]]

    server = subprocess.Popen(  # noqa: S603 (our own command)  # nosec B603
        [PYTHON, "-m", "gunicorn", "newsportal.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", str(args.workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(args.port)
        times = {}
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        for edition, kind, query in queries:
            path = f"/{edition}/search/?{urlencode({'q': query})}"
            for round_number in range(args.rounds + 1):
                started = time.perf_counter()
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != 200:
                    raise SystemExit(f"{path}: {response.status}")
                if round_number:
                    times.setdefault((edition, kind), []).append(elapsed)
                    times.setdefault((edition, "all"), []).append(elapsed)
                else:  # the search cache's miss, or a warm-up with the cache off
                    times.setdefault((edition, "first"), []).append(elapsed)
    finally:
        server.terminate()
        server.wait(10)

    cache_seconds = os.environ.get("SEARCH_CACHE_SECONDS", "300 (default)")
    print(
        f"{len(queries)} queries × {args.rounds} rounds, gunicorn {args.workers} sync workers, DEBUG off, "
        f"SEARCH_CACHE_SECONDS={cache_seconds}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'edition':8} {'kind':7} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7}")
    failed = False
    for (edition, kind), values in sorted(times.items()):
        p95 = percentile(values, 0.95)
        failed |= kind == "all" and p95 > 80
        print(f"{edition:8} {kind:7} {len(values):>8} {statistics.median(values):>7.1f} {p95:>7.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
