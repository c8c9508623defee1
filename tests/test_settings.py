"""Settings come from the environment and refuse unsafe production values."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="newsportal.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_demo_key():
    result = manage("check", DEBUG="false", SECRET_KEY="demo-insecure-key-do-not-use-in-production")

    assert result.returncode != 0


def test_production_refuses_to_start_without_a_shared_cache():
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "newsportal.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: REDIS_URL must be set when DEBUG is off" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="news.example.com",
        DATABASE_URL="sqlite:////tmp/newsportal-deploy-check.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_workers_keep_their_database_connection_and_check_it_before_reuse():
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    production_env = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    production = manage("shell", "-c", show, **production_env)
    demo = manage("shell", "-c", show, DEBUG="true")
    overridden = manage("shell", "-c", show, **production_env, CONN_MAX_AGE="0")

    assert production.stdout.split()[-2:] == ["60", "True"], production.stderr
    assert demo.stdout.split()[-2:] == ["0", "True"]
    assert overridden.stdout.split()[-2:] == ["0", "True"]


def test_the_job_runner_uses_redis_when_configured_and_a_file_otherwise():
    show = "from huey.contrib.djhuey import HUEY; print(type(HUEY).__name__)"

    assert manage("shell", "-c", show, REDIS_URL="redis://127.0.0.1:6379/2").stdout.split()[-1] == "RedisHuey"
    assert manage("shell", "-c", show, REDIS_URL="").stdout.split()[-1] == "SqliteHuey"
