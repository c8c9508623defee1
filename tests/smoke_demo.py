"""The demo path as `make demo` walks it, on a throwaway SQLite database: migrate, seed (twice),
ensure_admin (twice), then runserver and real HTTP requests for the pages, a picture, the CSS and a
missing page (the site's own 404 in the edition's language), each logged once.

Run with `make smoke`. Not collected by pytest (the suite runs on PostgreSQL); exits non-zero on
the first failure, with the server's log.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Smaller pictures than the demo's 1600 pixels keep this quick; the code path is the same.
IMAGE_WIDTH = "640"


class SmokeFailure(Exception):
    pass


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def expect(condition, message):
    if not condition:
        raise SmokeFailure(message)


def fetch(url, content_type="text/html"):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - http://127.0.0.1 only
            body = response.read()
            expect(response.status == 200, f"{url}: status {response.status}")
            expect(
                response.headers.get_content_type() == content_type,
                f"{url}: {response.headers.get_content_type()}, expected {content_type}",
            )
    except urllib.error.HTTPError as error:
        raise SmokeFailure(f"{url}: status {error.code}") from error
    return body.decode() if content_type.startswith("text/") else body


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        expect(server.poll() is None, "runserver exited early")
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 - http://127.0.0.1 only
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SmokeFailure(f"runserver did not answer {url} within {seconds} s")


def check_edition(base, edition):
    home = fetch(f"{base}/{edition}/")
    story_paths = re.findall(rf'href="(/{edition}/[a-z0-9-]+/\d+-[a-z0-9-]+/)"', home)
    expect(story_paths, f"/{edition}/ links to no story")
    story = fetch(base + story_paths[0])
    expect("<h1" in story, f"{story_paths[0]} has no headline")
    pictures = re.findall(r'src="(/media/[^"]+\.jpg)"', home)
    expect(pictures, f"/{edition}/ shows no picture")
    fetch(base + pictures[0], content_type="image/jpeg")
    return home


def check_not_found(base, log):
    """The site's 404 in the edition's language, not Django's technical page; the log says so once."""
    try:
        urllib.request.urlopen(f"{base}/ru/no/such/page/", timeout=30)  # noqa: S310 - http://127.0.0.1 only
        raise SmokeFailure("/ru/no/such/page/ answered 200")
    except urllib.error.HTTPError as error:
        expect(error.code == 404, f"/ru/no/such/page/: status {error.code}")
        page = error.read().decode()
    expect("Страница не найдена" in page and "URLconf" not in page, "/ru/no/such/page/ is not the site's 404")
    time.sleep(0.5)  # runserver writes its request line after the response
    log.flush()
    log.seek(0)
    lines = log.read().splitlines()
    for needle in ("Not Found: /ru/no/such/page/", '"GET /ru/no/such/page/ HTTP/1.1" 404'):
        count = sum(needle in line for line in lines)
        expect(count == 1, f"runserver logged {needle!r} {count} times, expected once")


def run(tmp):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))},
        "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
        "MEDIA_ROOT": f"{tmp}/media",
        "DEBUG": "true",
        "DEMO": "true",
    }
    manage(env, "migrate", "--noinput")
    first = manage(env, "seed_demo", "--image-width", IMAGE_WIDTH)
    expect("Seeded the en edition" in first and "Seeded the ru edition" in first, f"seed_demo said: {first}")
    expect("comments" in first and "votes" in first, f"seed_demo wrote no readers' activity: {first}")
    again = manage(env, "seed_demo", "--image-width", IMAGE_WIDTH)
    expect("already has sections" in again, f"second seed_demo said: {again}")
    created = manage(env, "ensure_admin")
    expect("Created superuser 'admin'" in created, f"ensure_admin said: {created}")
    kept = manage(env, "ensure_admin")
    expect("exists already" in kept and "password" not in kept, f"second ensure_admin said: {kept}")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(tmp) / "runserver.log", "w+")  # noqa: SIM115 - read back on failure
    server = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{base}/en/", server)
        home = check_edition(base, "en")
        check_edition(base, "ru")
        stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home)
        expect(stylesheets, "/en/ links no stylesheet")
        fetch(base + stylesheets[0], content_type="text/css")
        fetch(f"{base}/admin/login/")
        check_not_found(base, log)
    except SmokeFailure:
        log.seek(0)
        sys.stderr.write(log.read()[-4000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsportal-smoke-") as tmp:
        try:
            run(tmp)
        except SmokeFailure as failure:
            print(f"SMOKE FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"Smoke test passed: demo seeded, pages, pictures and styles served ({time.monotonic() - started:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
