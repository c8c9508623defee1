"""sqlmap against the reader endpoints that reach the database (make audit).

Creates a throwaway database next to DATABASE_URL's (name + "_sqlmap"), migrates it, adds a story and a
comment, starts the site on 127.0.0.1:SQLMAP_PORT (default 8531) with limits raised, runs sqlmap on
search, vote, comment, typo and report, and fails when any run's output folder records an injection
(sqlmap itself exits 0 either way). The server and the database are gone afterwards, whatever happened.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal python tests/audit/sqlmap_scan.py
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SQLMAP_PORT", "8531"))
BASE = f"http://127.0.0.1:{PORT}"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
SEED = """
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
from comments.models import Comment
section = Section.objects.create(edition="en", name="Politics", slug="politics")
story = Article.objects.create(edition="en", section=section, title="Budget passes", slug="budget-passes",
    lead="Lawmakers approved the budget.", body="<p>The bill passed.</p>", status="published",
    published_at=timezone.now() - timedelta(hours=1))
Comment.objects.create(article=story, author_name="Anna", text="A fair point.", status="approved")
print(story.pk, Comment.objects.get().pk)
"""


def throwaway_url(database_url):
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_sqlmap")), parts.path.strip("/") + "_sqlmap"


def admin_connection(database_url):
    parts = urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 (our own server on loopback)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not start at {url}")


def targets(story, comment):
    token_page = f"{BASE}/en/comments/{story}/post/"
    csrf = ["--csrf-token=csrfmiddlewaretoken", f"--csrf-url={token_page}"]
    return {
        "search": ["-u", f"{BASE}/en/search/?q=budget&section=politics&date_from=2026-01-01&date_to=2026-12-31&page=1"],
        "vote": ["-u", f"{BASE}/en/reader/rate/{story}/", "--data", "score=4", *csrf],
        "comment": [
            "-u",
            token_page,
            "--data",
            f"author_name=Anna&author_email=a%40example.org&text=Well+said&website=&reply_to={comment}&issued=",
            *csrf,
        ],
        "typo": [
            "-u",
            f"{BASE}/en/reader/typo/",
            "--data",
            f"article={story}&selection=The+bill&before=&after=+passed&comment=typo&url=",
            *csrf,
        ],
        "report": ["-u", f"{BASE}/en/comments/report/", "--data", f"comment={comment}", *csrf],
    }


def main():
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsportal")
    url, name = throwaway_url(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "REDIS_URL": "",
        "COMMENTS_RATE": "1000000/m",
        "COMMENTS_REPORT_RATE": "1000000/m",
        "RATING_RATE_LIMIT": "1000000/m",
        "TYPO_RATE_LIMIT": "1000000/m",
        "COMMENTS_MIN_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }
    output = Path(tempfile.mkdtemp(prefix="sqlmap-"))
    server = None
    with admin_connection(database_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
        seeded = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", SEED], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        story, comment = seeded.stdout.split()[-2:]
        server = subprocess.Popen(  # noqa: S603
            [*manage, "runserver", f"127.0.0.1:{PORT}", "--noreload", "--nothreading"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(f"{BASE}/robots.txt")
        found = {}
        for endpoint, arguments in targets(story, comment).items():
            folder = output / endpoint
            print(f"sqlmap: {endpoint}", flush=True)
            subprocess.run(  # noqa: S603
                [
                    shutil.which("sqlmap") or "sqlmap",
                    *arguments,
                    "--batch",
                    "--flush-session",
                    "--level=2",
                    "--risk=1",
                    "--dbms=PostgreSQL",
                    "--time-sec=2",
                    "--timeout=15",
                    f"--user-agent={BROWSER}",
                    f"--output-dir={folder}",
                    "--disable-coloring",
                ],
                check=False,
                stdout=subprocess.DEVNULL,
                timeout=900,
            )
            # sqlmap writes <output>/<host>/log only with the injection points it found.
            logs = [log for log in folder.glob("*/log") if log.read_text(errors="replace").strip()]
            if logs:
                found[endpoint] = logs[0].read_text(errors="replace")
        for endpoint, log in found.items():
            print(f"\n== sqlmap found an injection at {endpoint}:\n{log}")
        print(f"sqlmap: {len(targets(story, comment)) - len(found)} endpoints held, {len(found)} injectable")
        return 1 if found else 0
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        with admin_connection(database_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(output, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
