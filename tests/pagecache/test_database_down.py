"""A real PostgreSQL stopped under a running app: readers get the cached copy of a page, and the app
recovers without a restart when the database is back.

Starts a private PostgreSQL cluster on a spare port (PAGE_CACHE_TEST_PG_PORT, default 8150) and one
gunicorn on another; skipped where PostgreSQL's server binaries are missing.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import redis
import requests

from tests.pagecache.conftest import REDIS_URL, ROOT
from tests.pagecache.test_two_instances import BROWSER, free_ports, wait_until_up
from tests.servers import gunicorn

PG_PORT = int(os.environ.get("PAGE_CACHE_TEST_PG_PORT", "8150"))
STORY = "/en/politics/1-parliament-passes-the-budget/"

SEED = """
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(edition="en", name="Politics", slug="politics")
Article.objects.create(
    edition="en", section=section, title="Parliament passes the budget", slug="parliament-passes-the-budget",
    lead="Lawmakers approved the plan.", status="published", published_at=timezone.now(),
)
"""


def as_postgres(command):
    return subprocess.run(  # noqa: S603
        ["su", "postgres", "-s", "/bin/bash", "-c", command],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def cluster():
    """A private PostgreSQL cluster, as (start, stop)."""
    initdb = shutil.which("initdb")
    if initdb is None or os.geteuid() != 0:
        pytest.skip("needs PostgreSQL's server binaries and root (to run them as the postgres user)")
    bindir = Path(os.path.realpath(initdb)).parent
    base = Path(tempfile.mkdtemp(prefix="np-pagecache-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    shutil.chown(base, "postgres")
    shutil.chown(sockets, "postgres")
    pg_ctl = f"{bindir}/pg_ctl -D {data} -o '-p {PG_PORT} -k {sockets}' -l {base}/log -w"
    as_postgres(f"{bindir}/initdb -D {data} -U postgres --auth=trust")

    def start():
        as_postgres(f"{pg_ctl} start")

    def stop():
        as_postgres(f"{pg_ctl} stop -m fast")

    start()
    try:
        as_postgres(f"{bindir}/createdb -h 127.0.0.1 -p {PG_PORT} -U postgres newsportal")
        yield start, stop
    finally:
        subprocess.run(  # noqa: S603
            ["su", "postgres", "-s", "/bin/bash", "-c", f"{pg_ctl} stop -m immediate"],  # noqa: S607
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def test_readers_get_the_cached_page_while_postgresql_is_down(cluster, static_root):
    start, stop = cluster
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))},
        "DJANGO_SETTINGS_MODULE": "newsportal.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/newsportal",
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        # Versions read from Redis on every lookup, so the bump below is seen at once.
        "PAGE_CACHE_LOCAL_SECONDS": "0",
        "LOG_LEVEL": "CRITICAL",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)  # noqa: S603
    subprocess.run([*manage, "shell", "-c", SEED], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    shared = redis.Redis.from_url(REDIS_URL)
    for key in shared.scan_iter("newsportal:*"):
        shared.delete(key)
    (port,) = free_ports(1, first=8151)
    base = f"http://127.0.0.1:{port}"
    command, server_env = gunicorn(port, workers=1, env=env)
    server = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    session = requests.Session()
    session.headers["User-Agent"] = BROWSER
    try:
        wait_until_up(server, base)
        good = session.get(base + STORY, timeout=10)
        assert good.status_code == 200 and "Parliament passes the budget" in good.text

        stop()
        # An editor's change elsewhere: the copy is out of date, so the app tries to render the page.
        shared.incr("newsportal:1:pagecache:v:site")
        down = session.get(base + STORY, timeout=20)
        never_cached = session.get(base + "/en/politics/", timeout=20)

        assert down.status_code == 200
        assert down.headers["X-Page-Cache"] == "stale"
        assert down.headers["Cache-Control"] == "public, max-age=10"
        assert "Parliament passes the budget" in down.text
        assert never_cached.status_code >= 500

        start()
        back = session.get(base + STORY, timeout=20)
        assert back.status_code == 200
        assert back.headers["X-Page-Cache"] == "miss"
    finally:
        server.terminate()
        server.wait(timeout=30)
