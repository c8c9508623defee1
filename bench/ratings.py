"""Votes per second through the real rating view on PostgreSQL, with 1, 8 and 32 concurrent clients.

    .venv/bin/python bench/ratings.py [--clients 1 8 32] [--votes 600] [--seconds 20]

Creates (if needed) and migrates a dedicated database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/np_bench_ratings), starts gunicorn on a free port of
127.0.0.1, and for each level lets that many HTTP clients vote on one fresh story at once:
every client is a series of readers (own reader cookie) who each vote once and then change
their vote twice, asking for JSON like rating.js does. Bounded by --votes per level and
--seconds per level. At the end of each level the story's rating_count and rating_sum must
equal what the clients were told, exactly, and match the vote rows.
"""

import argparse
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/np_bench_ratings"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) NewsportalBench/1.0"
VOTES_PER_READER = 3  # one first vote, then two changes


def ensure_database(url):
    """Create the bench database if it does not exist yet."""
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    maintenance = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings",
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on loopback: no HTTPS redirect, cookies without Secure.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        READER_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        # Every client comes from 127.0.0.1: lift the per-address limit, or it would be what we measure.
        RATING_RATE_LIMIT="100000000/h",
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
    )
    # Production settings insist on a shared cache (the workers share rate limits and page versions).
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    return env


def manage(env, *args):
    # Our own interpreter and manage.py with fixed arguments.
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


CREATE_STORIES = """
import json
from django.utils import timezone
from articles.models import Article, Section
section, _ = Section.objects.get_or_create(edition="en", slug="bench", defaults={"name": "Bench"})
stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
pks = [
    Article.objects.create(
        edition="en", section=section, title=f"Bench story {stamp} {i}", slug=f"bench-{stamp}-{i}",
        lead="A story to vote on.", status="published", published_at=timezone.now(),
    ).pk
    for i in range({count})
]
print(json.dumps(pks))
"""


def start_server(env, port, workers, threads):
    command = [
        sys.executable, "-m", "gunicorn", "newsportal.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads),
        "--log-level", "warning", "--keep-alive", "30",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (fixed arguments)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            # The first answer of each worker loads Django: give it time.
            if requests.get(f"{base}/en/reader/csrf/", headers={"User-Agent": USER_AGENT}, timeout=10).ok:
                return server, base
        except requests.RequestException:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


class Level:
    """One run: `clients` threads voting on one story until the votes or the time run out."""

    def __init__(self, base, story, clients, votes, seconds):
        self.base, self.story, self.clients = base, story, clients
        self.url = f"{base}/en/reader/rate/{story}/"
        self.tickets = votes
        self.seconds = seconds
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []
        self.final = {}  # reader id -> the score the server last confirmed
        self.done = 0

    def take_ticket(self):
        with self.lock:
            if self.tickets <= 0 or time.monotonic() > self.deadline:
                return False
            self.tickets -= 1
            return True

    def client(self, number, barrier):
        session = requests.Session()
        session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        token = session.get(f"{self.base}/en/reader/csrf/", timeout=10).json()["csrfToken"]
        session.headers["X-CSRFToken"] = token
        rng = random.Random(number)
        latencies, final, reader, votes_as_reader, done = [], {}, None, VOTES_PER_READER, 0
        barrier.wait()
        while self.take_ticket():
            if votes_as_reader == VOTES_PER_READER:
                session.cookies.pop("reader", None)  # the next reader
                reader, votes_as_reader = f"{number}-{len(final)}", 0
            score = rng.randint(1, 5)
            started = time.perf_counter()
            try:
                response = session.post(self.url, data={"score": score}, timeout=30)
            except requests.RequestException as error:
                self.errors.append(repr(error))
                continue
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or response.json().get("score") != score:
                self.errors.append(f"{response.status_code} {response.text[:200]}")
                continue
            final[reader] = score
            votes_as_reader += 1
            done += 1
        with self.lock:
            self.latencies += latencies
            self.final.update(final)
            self.done += done

    def run(self):
        def release():  # runs once, when every client has its token, just before they start
            self.deadline = time.monotonic() + self.seconds
            self.started = time.perf_counter()

        barrier = threading.Barrier(self.clients, action=release)
        threads = [threading.Thread(target=self.client, args=(n, barrier)) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.perf_counter() - self.started
        return self


def check(database_url, level):
    """The story's totals must be exactly what the clients were told, and match the vote rows."""
    with psycopg.connect(database_url) as conn:
        count, total = conn.execute(
            "SELECT rating_count, rating_sum FROM articles_article WHERE id = %s", [level.story]
        ).fetchone()
        rows, row_sum = conn.execute(
            "SELECT count(*), coalesce(sum(score), 0) FROM articles_vote WHERE article_id = %s", [level.story]
        ).fetchone()
    expected = (len(level.final), sum(level.final.values()))
    return (count, total) == expected == (rows, row_sum), (count, total), expected, (rows, row_sum)


def main():
    # Stopped from outside (Ctrl+C, timeout): still stop the server on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--votes", type=int, default=600, help="votes per level at most (default 600)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds per level at most (default 20)")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2), help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    env = server_env(database_url)
    manage(env, "migrate", "--noinput")
    created = manage(env, "shell", "--verbosity", "0", "-c", CREATE_STORIES.replace("{count}", str(len(args.clients))))
    stories = json.loads(created.strip().splitlines()[-1])

    port = free_port()
    server, base = start_server(env, port, args.workers, args.threads)
    print(
        f"gunicorn {args.workers} workers x {args.threads} threads on {base}; "
        f"{os.cpu_count()} CPUs shared by server, clients and PostgreSQL"
    )
    columns = ("clients", "votes", "seconds", "votes/s", "p50 ms", "p95 ms", "readers")
    print(" ".join(f"{name:>8}" for name in columns), " exact")
    failed = False
    try:
        for clients, story in zip(args.clients, stories, strict=True):
            level = Level(base, story, clients, args.votes, args.seconds).run()
            done = level.done
            ok, stored, expected, rows = check(database_url, level)
            cuts = statistics.quantiles(level.latencies, n=20) if len(level.latencies) > 1 else [0] * 19
            figures = (clients, done, f"{level.elapsed:.2f}", f"{done / level.elapsed:.1f}")
            figures += (f"{cuts[9] * 1000:.1f}", f"{cuts[18] * 1000:.1f}", len(level.final))
            verdict = "yes" if ok and not level.errors else f"NO: stored {stored}, told {expected}, rows {rows}"
            print(" ".join(f"{figure:>8}" for figure in figures), "", verdict)
            for error in level.errors[:5]:
                print(f"        error: {error}")
            failed |= not ok or bool(level.errors)
    finally:
        stop(server)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
