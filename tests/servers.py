"""The app as `make serve` runs it, for the tests that start real servers (two instances, services down).

gunicorn with deploy/gunicorn.conf.py: the app preloaded in the master and frozen before each fork,
gthread workers with their connection limit. Tests of how the site behaves when PostgreSQL or Redis
goes away must run what a newsroom runs, not a bare `gunicorn -w 1`.
"""

import sys


def gunicorn(port, *, workers, env):
    """(command, environment) that serve the app on 127.0.0.1:port with `workers` workers."""
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsportal.wsgi"]
    return command, {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
