"""Median in-process milliseconds of every rendered page type (page cache off, fragments warm) and of the
bare yardstick view, through Django's WSGI handler with production settings.

    DATABASE_URL=postgres://…/newsportal_bench REDIS_URL=redis://127.0.0.1:6379/5 \\
        ROUNDS=20 .venv/bin/python bench/render_inprocess.py [page label]

No server and no network: compare pages with each other and with the yardstick, before and after a
change, on the same machine at the same moment (bench/pages.py measures over HTTP).
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the apps: bench/comments.py is no app


def main():
    os.chdir(ROOT)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-" + "x" * 50,
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1",
        BENCH_YARDSTICK="true",
        CONN_MAX_AGE="600",
        BEHIND_PROXY="true",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings
    from pages import pick_urls

    # DEBUG is off, but the bench does not run collectstatic: serve static names unhashed.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
    handler = WSGIHandler()

    def get(path):
        path_info, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status = []
        body = b"".join(handler(environ, lambda line, headers, exc_info=None: status.append(line)))
        assert status[0].startswith("200"), (path, status[0])
        return body

    rounds = int(os.environ.get("ROUNDS", 20))
    only = sys.argv[1] if len(sys.argv) > 1 else None
    pages = [("yardstick", "/bench/yardstick/")]
    pages += [page for page in pick_urls(os.environ["DATABASE_URL"]) if not page[0].startswith("search")]
    for label, path in pages:
        if only and only != label:
            continue
        body = get(path)
        get(path)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            get(path)
            times.append((time.perf_counter() - started) * 1000)
        print(f"{label:15} {statistics.median(times):7.2f} ms  {len(body) // 1024} KB  {path}")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
