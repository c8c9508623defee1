"""Every page type over HTTP at an agency's size, as ratios to a bare Django view on the same server.

    .venv/bin/python bench/pages.py [--seconds 5] [--connections 16] [--rounds 2]   (make bench)

1. Creates (if needed) and migrates its own database (DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/newsportal_bench), tops it up to --articles stories and --comments
   comments with `manage.py seed_demo` (once: reruns find them there), then ANALYZE.
2. Runs bench/plans.py against it when that file exists (query plans of every page).
3. Starts deploy/serve.sh (the `make serve` recipe: gunicorn with deploy/gunicorn.conf.py) on --port, and
   a second gunicorn with PAGE_CACHE_SECONDS=0 on --port + 1, both with BENCH_YARDSTICK=true so
   /bench/yardstick/ (a bare view returning 38 KB) is routed, production settings otherwise.
4. With wrk on loopback: for each page, --rounds times the yardstick then the page on the same server,
   each for --seconds; reports req/s, p50, p99 and the page's req/s over the yardstick's.
5. Renders deploy/nginx/newsportal.conf with a self-signed certificate made for the run, starts nginx on
   --nginx-port (HTTPS) in front of the first server, and measures the story through it (without cookies,
   and with the csrftoken and reader cookies a returning reader carries) against the same bytes served by
   nginx as a static file.
6. Prints a table and writes it, with the raw figures, under bench/results/. Stops everything it started.

Exits with status 1 when a request failed, or when bench/plans.py did.
"""

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsportal_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
YARDSTICK = "/bench/yardstick/"
PYTHON = sys.executable


def ensure_database(url):
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    maintenance = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def seed(env, url, articles, comments):
    manage(env, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    if have < articles:
        print(f"seeding {articles - have} stories (have {have})…", flush=True)
        manage(env, "seed_demo", "--articles", str(articles - have))
    manage(env, "seed_demo", "--comments", str(comments))
    # What autovacuum does on a live site: statistics, and the visibility map that lets counts (the
    # sitemap index, pagination) read an index alone instead of the table.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def pick_urls(url):
    """The pages to measure: a story with a photo and about 30 comments, the English home, section, tag, search."""
    with psycopg.connect(url) as conn:
        story = conn.execute(
            "SELECT a.id, a.slug, s.slug FROM articles_article a JOIN articles_section s ON s.id = a.section_id "
            "WHERE a.edition = 'en' AND a.status = 'published' AND a.published_at <= now() "
            "AND a.image_id IS NOT NULL AND a.comment_count BETWEEN 25 AND 40 ORDER BY a.published_at DESC LIMIT 1"
        ).fetchone()
        section = conn.execute(
            "SELECT s.slug FROM articles_section s WHERE s.edition = 'en' ORDER BY s.id LIMIT 1"
        ).fetchone()[0]
        tag = conn.execute(
            "SELECT t.slug FROM taggit_tag t JOIN taggit_taggeditem i ON i.tag_id = t.id "
            "GROUP BY t.slug ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        author = conn.execute(
            "SELECT au.slug FROM articles_author au JOIN articles_article_authors aa ON aa.author_id = au.id "
            "GROUP BY au.slug ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        month = conn.execute(
            "SELECT to_char(max(published_at), 'YYYY/MM') FROM articles_article "
            "WHERE edition = 'en' AND status = 'published' AND published_at <= now()"
        ).fetchone()[0]
    story_url = f"/en/{story[2]}/{story[0]}-{story[1]}/"
    return [
        ("story", story_url),
        ("home", "/en/"),
        ("section", f"/en/{section}/"),
        ("tag", f"/en/tags/{tag}/"),
        ("author", f"/en/authors/{author}/"),
        ("month archive", f"/en/archive/{month}/"),
        ("search, common word", "/en/search/?q=budget"),
        ("search, rare word", "/en/search/?q=Vladivostok"),
    ]


def wait_for(url, *, seconds=90, context=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(request, timeout=5, context=context) as response:  # nosec B310 - loopback URLs the bench builds
                return response.read(), response.headers
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, *, seconds, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    for header in headers:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    latency = {int(p): float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get(50),
        "p99": latency.get(99),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def settle(yard_url, *, headers=(), context=None, limit=20):
    """Wait until the server has finished what wrk left queued (requests it gave up on still run), so the
    next run starts on an idle server: until one bare request comes back fast, or `limit` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        request = urllib.request.Request(yard_url, headers=dict(h.split(": ", 1) for h in headers))
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=limit, context=context) as response:  # nosec B310 - loopback
                response.read()
        except OSError:
            pass
        if time.monotonic() - began < 0.05:
            return
        time.sleep(0.5)


def alternate(label, page_url, yard_url, *, rounds, seconds, connections, headers=(), context=None):
    """`rounds` times: the yardstick (on a settled server), then the page; the ratio compares the means."""
    pages, yards = [], []
    for _ in range(rounds):
        settle(yard_url, headers=headers, context=context)
        yards.append(wrk(yard_url, seconds=seconds, connections=connections, headers=headers))
        pages.append(wrk(page_url, seconds=seconds, connections=connections, headers=headers))
    rps = sum(run["rps"] for run in pages) / rounds
    yard_rps = sum(run["rps"] for run in yards) / rounds
    row = {
        "page": label,
        "url": page_url,
        "rps": rps,
        # The worse of the runs; None when no request of the page completed (all timed out).
        "p50": max((run["p50"] for run in pages if run["p50"] is not None), default=None),
        "p99": max((run["p99"] for run in pages if run["p99"] is not None), default=None),
        "yardstick_rps": yard_rps,
        "ratio": rps / yard_rps if yard_rps else 0.0,
        "errors": sum(run["errors"] for run in pages + yards),
        "socket_errors": "; ".join(run["socket_errors"] for run in pages + yards if run["socket_errors"]),
    }
    print(
        f"  {label:<34} {row['rps']:8.1f} req/s  p50 {ms(row['p50']):>8} ms  p99 {ms(row['p99']):>8} ms  "
        f"yardstick {yard_rps:8.1f}  ratio {row['ratio']:.3f}" + (f"  ERRORS {row['errors']}" if row["errors"] else ""),
        flush=True,
    )
    return row


def ms(value):
    return "–" if value is None else f"{value:.1f}"


def start(command, env, log):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process):
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def nginx_config(workdir, *, app_port, https_port, http_port):
    sys.path.insert(0, str(ROOT / "deploy" / "nginx"))
    from render import render

    cert, key = workdir / "cert.pem", workdir / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = render(
        root=ROOT,
        apps=[f"127.0.0.1:{app_port}"],
        server_name="localhost 127.0.0.1",
        cert=cert,
        cert_key=key,
        cache_dir=workdir / "cache",
        http_port=http_port,
        https_port=https_port,
    ).replace("listen [::]:", "# listen [::]:")
    (workdir / "site.conf").write_text(site)
    main = f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
"""
    (workdir / "nginx.conf").write_text(main)
    return workdir / "nginx.conf"


def table(rows, title):
    lines = [
        f"### {title}",
        "",
        "| page | req/s | p50 ms | p99 ms | yardstick req/s | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        figures = f"{r['rps']:.1f} | {ms(r['p50'])} | {ms(r['p99'])} | {r['yardstick_rps']:.1f} | {r['ratio']:.3f}"
        lines.append(f"| {r['page']} | {figures} |")
    return "\n".join(lines)


def server_env(database_url, **extra):
    """`make serve`'s production environment on the benchmark's database, with the yardstick routed."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", DEFAULT_REDIS_URL),
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BEHIND_PROXY": "true",
        "CONN_MAX_AGE": "600",
        "BENCH_YARDSTICK": "true",
        "PYTHON": PYTHON,
        **extra,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=5, help="Length of each wrk run.")
    parser.add_argument("--rounds", type=int, default=2, help="Yardstick/page pairs per page.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8300, help="The app; the uncached one listens on the next.")
    parser.add_argument("--nginx-port", type=int, default=8443, help="nginx (HTTPS); plain HTTP on --nginx-port - 63.")
    parser.add_argument("--worker-class", default=None, help="Override deploy/gunicorn.conf.py's worker class.")
    parser.add_argument("--skip-nginx", action="store_true")
    parser.add_argument("--only", help="Measure only the pages whose label contains this (e.g. story).")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("make bench needs wrk (apt-get install wrk) and nginx (apt-get install nginx).")

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(url)
    env = server_env(url)
    if args.worker_class:
        env["GUNICORN_WORKER_CLASS"] = args.worker_class
    started = time.monotonic()
    seed(env, url, args.articles, args.comments)
    print(f"database ready in {time.monotonic() - started:.0f} s", flush=True)

    plans_status = None
    if (ROOT / "bench" / "plans.py").exists():
        plans_status = subprocess.run([PYTHON, "bench/plans.py"], cwd=ROOT, env=env).returncode

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    workdir = Path(tempfile.mkdtemp(prefix="newsportal-bench-"))
    processes = []
    try:
        with open(RESULTS / f"pages-{stamp}-servers.log", "w") as log:
            processes.append(start(["deploy/serve.sh"], {**env, "PORT": str(args.port)}, log))
            cached, uncached = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
            wait_for(cached + YARDSTICK)  # after serve.sh's collectstatic, which the second server needs too
            uncached_env = {**env, "PORT": str(args.port + 1), "PAGE_CACHE_SECONDS": "0"}
            gunicorn = str(Path(PYTHON).parent / "gunicorn")
            processes.append(start([gunicorn, "-c", "deploy/gunicorn.conf.py", "newsportal.wsgi"], uncached_env, log))
            wait_for(uncached + YARDSTICK)
            pages = pick_urls(url)
            for _label, path in pages:  # warm both servers and the page cache
                wait_for(cached + path)
                wait_for(uncached + path)

            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"\nwrk, {args.connections} connections, {args.rounds}×{args.seconds} s; load average {load}")
            proto = ["X-Forwarded-Proto: https"]
            measure = {"rounds": args.rounds, "seconds": args.seconds, "connections": args.connections}
            story_path = pages[0][1]
            # Each page as readers get it (from the page cache) and as the app renders it (cache off);
            # search results are never page-cached, so once.
            plan = []
            for label, path in pages:
                if label.startswith("search"):
                    plan.append((label, uncached, path))
                else:
                    plan.append((f"{label} (page cache)", cached, path))
                    plan.append((f"{label} (PAGE_CACHE_SECONDS=0)", uncached, path))
            app_rows = [
                alternate(label, server + path, server + YARDSTICK, headers=proto, **measure)
                for label, server, path in plan
                if not args.only or args.only in label
            ]

            nginx_rows = []
            if not args.skip_nginx:
                nginx_rows = measure_nginx(workdir, args, story_path, log, processes, measure)

        report = "\n\n".join(
            [
                f"Run {stamp}: {args.articles} stories, {args.comments} comments; "
                f"{os.cpu_count()} CPUs, load average before {load}; wrk {args.connections} connections, "
                f"{args.rounds}×{args.seconds} s per page and yardstick.",
                table(app_rows, "The app (gunicorn, deploy/gunicorn.conf.py) against the bare view"),
                table(nginx_rows, "Through nginx (deploy/nginx) against nginx serving the same bytes as a file")
                if nginx_rows
                else "",
                f"bench/plans.py exit status: {plans_status}" if plans_status is not None else "",
            ]
        ).strip()
        print("\n" + report)
        (RESULTS / f"pages-{stamp}.md").write_text(report + "\n")
        (RESULTS / f"pages-{stamp}.json").write_text(
            json.dumps({"app": app_rows, "nginx": nginx_rows, "plans_status": plans_status}, indent=2)
        )
        print(f"\nwritten to {RESULTS / f'pages-{stamp}.md'} (and .json)")
        failed = any(row["errors"] for row in app_rows + nginx_rows) or plans_status not in (None, 0)
        return 1 if failed else 0
    finally:
        for process in reversed(processes):
            stop(process)
        (ROOT / "staticfiles" / "bench-story.html").unlink(missing_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)


def measure_nginx(workdir, args, story_path, log, processes, measure):
    config = nginx_config(workdir, app_port=args.port, https_port=args.nginx_port, http_port=args.nginx_port - 63)
    # nginx's workers drop root for an unprivileged user, who must reach its cache and temporary folders.
    workdir.chmod(0o755)
    for folder in ("cache", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / folder).mkdir(exist_ok=True)
        (workdir / folder).chmod(0o777)  # nosec B103 - a throwaway folder of the benchmark
    processes.append(start(["nginx", "-c", str(config), "-p", str(workdir)], dict(os.environ), log))
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    base = f"https://127.0.0.1:{args.nginx_port}"
    body, headers = wait_for(base + story_path, context=context)
    # The yardstick here: nginx serving the same bytes from disk.
    (ROOT / "staticfiles" / "bench-story.html").write_bytes(body)
    static = base + "/static/bench-story.html"
    wait_for(static, context=context)
    # A well-formed token, as the site issues (a malformed one makes Django replace it with Set-Cookie).
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    cookies = [f"Cookie: csrftoken={csrf}; reader={secrets.token_urlsafe(16)}:{secrets.token_urlsafe(20)}"]
    print(f"\nthrough nginx (HTTPS, {len(body)} bytes; first X-Cache {headers.get('X-Cache')})")
    return [
        alternate("story via nginx, no cookies", base + story_path, static, context=context, **measure),
        alternate(
            "story via nginx, csrftoken+reader", base + story_path, static, headers=cookies, context=context, **measure
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
