"""Gunicorn for Newsportal (`make serve`, deploy/serve.sh, deploy/systemd/newsportal.service).

Everything comes from the environment the app reads too, so one file serves the laptop and the newsroom:
PORT (8000), HOST (0.0.0.0), WEB_CONCURRENCY (workers: the core count plus one), GUNICORN_THREADS
(threads per worker, 4), GUNICORN_WORKER_CONNECTIONS (four per thread), GUNICORN_MAX_REQUESTS (200,000),
GUNICORN_TIMEOUT (30 s), ACCESS_LOG (a path, "-" for stdout; off by default).
"""

import gc
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - the proxy is in front

# gthread rather than sync: measured back to back by bench/pages.py (docs/performance.md) they tied within
# the noise of a busy 2-core machine (gthread 300 req/s on the bare view against 283, and as many stories),
# and threads keep serving while a reader's connection is slow or kept alive, where a sync worker waits.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Connections a worker holds at once: four per thread. gunicorn's default, 1,000, let one worker take most
# of the kept-alive connections a burst opened while the others sat idle: bench/pages.py saw the bare view
# swing between one core's rate and two's (1,300 and 3,400 a second) from one second to the next, and pages
# with it. Too few is worse: connections beyond workers × this wait in the listen queue until a worker
# drops one (at 8 per worker, 48 readers on kept-alive connections saw a p99 of 1.8 s). Keep it at least
# the proxy's connections to this machine divided by the workers.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads * 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5

# Recycle workers now and then, so a slow leak never becomes an outage. Counted in requests, so it must
# be large: at the 3,000 requests a second a busy site serves from its page cache, 5,000 restarted one of
# three workers every five seconds (bench/pages.py saw page rates halve and double from second to second),
# and a restarted worker renders its first pages with nothing warm. GUNICORN_MAX_REQUESTS=0 never recycles.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = max_requests // 10

# The app is imported once, in the master, before it forks: a new worker (at start, after recycling or a
# crash) answers at once instead of importing Django and the project again while readers wait, and the
# workers share those pages of memory. Nothing connects at import (Django opens database and cache
# connections on first use, in the worker), so no connection is shared across the fork.
preload_app = True

# X-Forwarded-* are believed from these addresses only (the local nginx by default); Django itself
# reads the scheme only with BEHIND_PROXY=true.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Worker heartbeats in memory, not on a disk that may be slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's documented advice


def pre_fork(server, worker):
    """Freeze what the master has loaded (modules, settings, URL patterns) out of the garbage collector's
    reach: a full collection in a worker then walks only what its requests made, not the whole
    framework (tens of milliseconds each time otherwise), and the shared pages are not written to by
    the collector's bookkeeping, so they stay shared."""
    gc.freeze()
