"""What deploy/ ships: `make serve`'s recipe, the nginx site, and the benchmark's yardstick view."""

import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import clear_url_caches

ROOT = Path(settings.BASE_DIR)
sys.path.insert(0, str(ROOT / "deploy" / "nginx"))
from render import render  # noqa: E402


@pytest.fixture
def routed_urls(settings):
    """The URLconf as built under the settings the test sets (it reads them at import)."""

    def build():
        clear_url_caches()
        importlib.reload(importlib.import_module(settings.ROOT_URLCONF))

    yield build
    settings.BENCH_YARDSTICK = False
    build()


@pytest.mark.django_db
def test_the_yardstick_is_not_routed_unless_asked_for(client, routed_urls):
    routed_urls()
    assert client.get("/bench/yardstick/").status_code == 404


@pytest.mark.django_db
def test_the_yardstick_answers_38_kb_when_the_benchmark_asks(client, settings, routed_urls):
    settings.BENCH_YARDSTICK = True
    routed_urls()
    response = client.get("/bench/yardstick/")
    assert response.status_code == 200
    assert 37_000 < len(response.content) < 40_000
    assert response["Content-Type"].startswith("text/html")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_the_nginx_site_is_valid_nginx(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    site = render(
        root=ROOT,
        apps=["127.0.0.1:8000", "127.0.0.1:8001"],
        server_name="news.example.org",
        cert=tmp_path / "cert.pem",
        cert_key=tmp_path / "key.pem",
        cache_dir=tmp_path / "cache",
        http_port=free_port(),
        https_port=free_port(),
    )
    assert "@" not in "".join(line for line in site.splitlines() if not line.lstrip().startswith("#"))
    assert "tcp_nopush off;" in site
    assert "server 127.0.0.1:8001" in site
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


@pytest.mark.django_db(transaction=True)
def test_serve_runs_the_app_in_production_settings_and_stops_with_it(tmp_path):
    """deploy/serve.sh (make serve): migrations, static files, gunicorn; a signal stops every process."""
    db = settings.DATABASES["default"]
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SECRET_KEY": "s" * 60,
        # Production settings need a shared cache.
        "REDIS_URL": os.environ.get("DEPLOY_TEST_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "BEHIND_PROXY": "true",
        "STATIC_ROOT": str(tmp_path / "static"),
        "WEB_CONCURRENCY": "1",
        "PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings",
    }
    serve = subprocess.Popen(
        [str(ROOT / "deploy" / "serve.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        body, headers = None, None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and serve.poll() is None:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/robots.txt", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    body, headers = response.read(), response.headers
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None, serve.stdout.read() if serve.poll() is not None else "no answer"
        assert b"Sitemap:" in body
        # Production settings: HSTS goes out, since the proxy said the request came over HTTPS.
        assert "max-age=" in headers["Strict-Transport-Security"]
        assert (tmp_path / "static" / "staticfiles.json").exists()
        # Without the proxy's word, a plain-HTTP request is sent to HTTPS.
        plain = urllib.request.Request(f"http://127.0.0.1:{port}/robots.txt")
        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(NoRedirect).open(plain, timeout=5)
        assert redirect.value.code == 301

        workers = subprocess.run(["pgrep", "-g", str(serve.pid), "-f", "gunicorn"], capture_output=True, text=True)
        assert workers.stdout.split()

        os.kill(serve.pid, signal.SIGTERM)
        assert serve.wait(timeout=30) != 0
        left = subprocess.run(["pgrep", "-g", str(serve.pid)], capture_output=True, text=True)
        assert not left.stdout.split()
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()


@pytest.mark.django_db(transaction=True)
def test_serve_stops_when_the_app_server_dies(tmp_path):
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SECRET_KEY": "s" * 60,
        # Production settings need a shared cache.
        "REDIS_URL": os.environ.get("DEPLOY_TEST_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings",
        # gunicorn cannot load this app and exits.
        "GUNICORN_WORKER_CLASS": "no.such.Worker",
    }
    serve = subprocess.run(
        [str(ROOT / "deploy" / "serve.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert serve.returncode != 0
    assert "stopping the rest" in serve.stderr


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
