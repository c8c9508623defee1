"""Test settings: the real settings, plus speed-ups that change no behaviour."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsportal")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The read replica's alias, pointing at the test database (tests of newsportal.db_router turn the router on).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# Background jobs run at once, in the test's own process and database.
HUEY = {**HUEY, "immediate": True}  # noqa: F405
