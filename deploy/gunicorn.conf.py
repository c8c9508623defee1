"""Gunicorn for Newsportal (`make serve`, deploy/serve.sh, deploy/systemd/newsportal.service).

Everything comes from the environment the app reads too, so one file serves the laptop and the newsroom:
PORT (8000), HOST (0.0.0.0), WEB_CONCURRENCY (workers: the core count plus one), GUNICORN_THREADS
(threads per worker, 4), GUNICORN_TIMEOUT (30 s), ACCESS_LOG (a path, "-" for stdout; off by default).
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - the proxy is in front

# gthread rather than sync: measured back to back by bench/pages.py (docs/performance.md) they tied within
# the noise of a busy 2-core machine (gthread 300 req/s on the bare view against 283, and as many stories),
# and threads keep serving while a reader's connection is slow or kept alive, where a sync worker waits.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5

# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = 5000
max_requests_jitter = 500

# X-Forwarded-* are believed from these addresses only (the local nginx by default); Django itself
# reads the scheme only with BEHIND_PROXY=true.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Worker heartbeats in memory, not on a disk that may be slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's documented advice
