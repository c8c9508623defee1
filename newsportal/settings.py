"""Newsportal settings: one source of truth, read from the environment.

Defaults suit the zero-config demo (SQLite, local-memory cache, debug on).
Production sets DEBUG=false and provides SECRET_KEY, DATABASE_URL, REDIS_URL,
ALLOWED_HOSTS; with debug off the app refuses to start without a real key.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from js_asset.js import static_lazy

from newsportal import editions

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEMO_SECRET_KEY = "demo-insecure-key-do-not-use-in-production"  # noqa: S105

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "django_prose_editor",
    "imagekit",
    "articles.tags.TagsConfig",  # taggit, named for the desk
    "axes",
    # Stories' versions (articles/desk/versions.py).
    "reversion",
    "ninja",  # the partner API; listed so that its docs page uses the package's own static files
    "articles",
    "comments",
    # About, contacts and legal pages, per edition, linked from the footer.
    "articles.infopages",
    "newsportal.pagecache",
    # Demo content and `seed_demo`: depends on articles and comments, nothing depends on it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous readers' pages from the shared cache, before anything else runs (HTTPS redirect excepted).
    "newsportal.pagecache.middleware.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "newsportal.middleware.RejectNulMiddleware",
    "newsportal.middleware.ReaderBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The demo (make demo) runs with DEBUG on but shows readers the site's own 404 and 500, not Django's technical pages.
DEMO = env.bool("DEMO", default=False)
if DEMO:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "demo.middleware.SiteErrorPagesMiddleware"
    )

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "articles.context_processors.site_chrome",
                "articles.infopages.context_processors.footer_pages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Production workers keep their connection (see CONN_HEALTH_CHECKS below); the demo opens one per request.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if DEBUG else 60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Seconds to wait for Redis before treating it as down (a stalled Redis must not stall every request).
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.5)
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to "no cache" while Redis is down (newsportal/cache.py).
            "BACKEND": "newsportal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsportal",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions: each language is one edition of the agency's site, defined in newsportal/editions.py
# and read from there; Django's language settings follow from it.
EDITIONS = editions.EDITIONS
LANGUAGES = editions.languages(EDITIONS)
LANGUAGE_CODE = editions.DEFAULT_EDITION
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each edition's tweaks of Django's date formats (its `formats` in the registry).
FORMAT_MODULE_PATH = ["newsportal.formats"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Uploaded photos: what the admin accepts.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
# 24 megapixels: a 6000×4000 camera picture; bigger ones cost more to decode than an upload may.
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=24_000_000)
PHOTO_MIN_WIDTH = env.int("PHOTO_MIN_WIDTH", default=320)
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=20)
# Live blogs (docs/live.md): the shortest pause between a reader's polls, entries per page without scripts.
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=15)
LIVE_ENTRIES_PER_PAGE = env.int("LIVE_ENTRIES_PER_PAGE", default=20)

# The admin index warns about a story left in a workflow status longer than this (articles/desk/planning.py).
DESK_STUCK_AFTER_MINUTES = {
    "ready": env.int("DESK_READY_STUCK_MINUTES", default=120),
    "approved": env.int("DESK_APPROVED_STUCK_MINUTES", default=240),
}

# Our own pack (templates/crispy_newsportal), written for static/css/site.css.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("crispy_newsportal",)
CRISPY_TEMPLATE_PACK = "crispy_newsportal"

TAGGIT_CASE_INSENSITIVE = True

# Security: strict by default; production turns on HTTPS-only behaviour.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the JS enhancements read it for fetch() POSTs
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None

# Content Security Policy (django-csp): everything from us, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Reader POSTs are rate limited per client address (django-ratelimit, cache-backed).
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "newsportal.readers.errors.too_many_requests"
# Addresses of reverse proxies whose X-Forwarded-For we believe; empty means
# the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Key for hashing client addresses before they are stored or used as cache keys.
IP_HASH_KEY = env.str("IP_HASH_KEY", default=SECRET_KEY)
# Anonymous readers (votes, comments, reports) are known by a signed id in this cookie, renewed with
# each action; Secure wherever HTTPS is (newsportal.readers.identity).
READER_COOKIE_NAME = "reader"
READER_COOKIE_AGE = 2 * 365 * 24 * 60 * 60
READER_COOKIE_SECURE = env.bool("READER_COOKIE_SECURE", default=not DEBUG)

# Ratings: stories rated 1 to 5 stars by readers.
# Votes one address may send to one story (django-ratelimit syntax), so a script that clears
# its cookies cannot flood a story.
RATING_RATE_LIMIT = env.str("RATING_RATE_LIMIT", default="20/h")
# "Top rated": imaginary votes at the site's mean score added to every story, so that a few
# enthusiastic votes do not outrank many good ones.
RATING_PRIOR_WEIGHT = env.int("RATING_PRIOR_WEIGHT", default=10)

LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's defaults give its logger a console handler of its own (used under DEBUG) that also
        # propagates to ours, so every warning ("Not Found: …") was printed twice; ours alone prints it.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Configuring "django" resets its children: runserver's request lines get their handler back.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

CSRF_FAILURE_VIEW = "newsportal.readers.errors.csrf_failure"

# Comments: moderation, closing and the spam and abuse limits.
# "pre": comments wait for a moderator; "post": they appear at once and moderators review after.
# A story can override the mode; signed-in readers follow COMMENTS_MODERATION_SIGNED_IN.
COMMENTS_MODERATION = env.str("COMMENTS_MODERATION", default="pre")
COMMENTS_MODERATION_SIGNED_IN = env.str("COMMENTS_MODERATION_SIGNED_IN", default="post")
if {COMMENTS_MODERATION, COMMENTS_MODERATION_SIGNED_IN} - {"pre", "post"}:
    raise ImproperlyConfigured('COMMENTS_MODERATION and COMMENTS_MODERATION_SIGNED_IN must be "pre" or "post".')
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=30)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", default=2000)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=3)
COMMENTS_MIN_SECONDS = env.int("COMMENTS_MIN_SECONDS", default=3)
COMMENTS_FORM_MAX_AGE = env.int("COMMENTS_FORM_MAX_AGE", default=24 * 60 * 60)
COMMENTS_HIDE_AFTER_REPORTS = env.int("COMMENTS_HIDE_AFTER_REPORTS", default=3)
COMMENTS_DUPLICATE_DAYS = env.int("COMMENTS_DUPLICATE_DAYS", default=7)
# A commenter with at least this many moderated comments in the last COMMENTS_HISTORY_DAYS,
# more than half of them rejected or spam, is pre-moderated whatever the mode.
COMMENTS_HISTORY_DAYS = env.int("COMMENTS_HISTORY_DAYS", default=30)
COMMENTS_HISTORY_MIN = env.int("COMMENTS_HISTORY_MIN", default=3)
COMMENTS_RATE = env.str("COMMENTS_RATE", default="5/m")
COMMENTS_REPORT_RATE = env.str("COMMENTS_REPORT_RATE", default="30/h")

# Typo reports: how much text a reader may select, how long a comment, how often one address may send.
TYPO_MAX_SELECTION = env.int("TYPO_MAX_SELECTION", default=250)
TYPO_MAX_COMMENT = env.int("TYPO_MAX_COMMENT", default=1000)
TYPO_RATE_LIMIT = env.str("TYPO_RATE_LIMIT", default="10/m")

# Discovery: "Most read" view counting (cache counters moved to the database by flush_view_counts).
# Beacons one address may send (django-ratelimit syntax): a reader opens a few stories a minute.
VIEW_COUNT_RATE = env.str("VIEW_COUNT_RATE", default="30/m")
# Cached counts live this long (seconds): enough to survive until a flush even if the timer stalls.
VIEW_COUNT_CACHE_TTL = env.int("VIEW_COUNT_CACHE_TTL", default=3 * 24 * 60 * 60)
# The beacon itself flushes after this many views (0: only the timer does), which also keeps a
# single-process demo with the local-memory cache current.
VIEW_COUNT_FLUSH_EVERY = env.int("VIEW_COUNT_FLUSH_EVERY", default=1000)
VIEW_COUNT_FLUSH_LOCK_TTL = env.int("VIEW_COUNT_FLUSH_LOCK_TTL", default=10 * 60)

# Shared page cache (newsportal/pagecache, docs/page-cache.md): public pages for readers without a
# session, kept in the default cache and dropped by version numbers when what they show changes.
# Seconds a stored page is served without rendering (0 turns the page cache off).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Seconds a page is kept past that, served only when the page cannot be rendered (database down).
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=24 * 60 * 60)
# Each process remembers the version numbers it read this long (seconds; a write on another instance
# shows here within it) and this many recently served pages, so most hits need no round trip to Redis.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=200)
if not DEBUG and CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off: a cache local to each process would silently break "
        "rate limits, view counters and page cache invalidation across app instances."
    )

# ---- Deployment: benchmarks, a read replica, media storage (docs/deploy.md) ------------------------------
# `make bench` only: route /bench/yardstick/, the bare page every page is measured against. Never in production.
BENCH_YARDSTICK = env.bool("BENCH_YARDSTICK", default=False)

# A read replica: reads go there, writes (and what a request reads after writing, and the same reader's
# requests for REPLICA_PIN_SECONDS after) to the primary. Unset: one database for everything.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
REPLICA_PIN_COOKIE = "primary_until"
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        # Tests run against the primary's test database through this alias.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["newsportal.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "newsportal.db_router.PrimaryAfterWriteMiddleware",
    )

# Media (uploaded photos and their renditions): the local disk (MEDIA_ROOT), or with MEDIA_STORAGE=s3 an
# S3-compatible bucket through django-storages, shared by every app machine. Renditions are written where
# the originals live (imagekit uses the same storage).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            # Public pictures at a CDN or bucket domain, without signatures that change every URL.
            "custom_domain": env.str("S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": env.bool("S3_QUERYSTRING_AUTH", default=False),
            "default_acl": env.str("S3_DEFAULT_ACL", default="") or None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=604800"},
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured('MEDIA_STORAGE must be "filesystem" or "s3".')
IMAGEKIT_DEFAULT_FILE_STORAGE = "default"

# Hardening: faults and hostile requests answered with a clear 4xx or 503, never a 500.
# Retry-After (seconds) on the 503 answered while the database or Redis is unreachable.
UNAVAILABLE_RETRY_AFTER = env.int("UNAVAILABLE_RETRY_AFTER", default=60)
# Largest body (bytes) each reader endpoint accepts, by URL name; larger ones get a 413 unread.
# A comment at COMMENTS_MAX_LENGTH in 4-byte characters, percent-encoded, still fits.
READER_BODY_LIMITS = {
    "comments:post": env.int("COMMENT_BODY_LIMIT", default=64 * 1024),
    "comments:typo_report": env.int("TYPO_BODY_LIMIT", default=32 * 1024),
    "comments:report": 4 * 1024,
    "articles:rate": 4 * 1024,
    "articles:reader_seen": 4 * 1024,
}

# Admin login throttle (django-axes): after AXES_FAILURE_LIMIT wrong passwords an account, and
# separately an address, are locked for LOGIN_LOCKOUT_MINUTES. Attempts are kept in the database
# (visible under "Axes" in the admin; deleting an access attempt there unlocks, as does
# `manage.py axes_reset`). The address is the one newsportal.readers.clients trusts (TRUSTED_PROXIES).
AUTHENTICATION_BACKENDS = [
    "newsportal.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "newsportal.readers.clients.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsportal.auth.lockout_response"
AXES_VERBOSE = False

# The story body editor: our own extensions keep Tiptap from injecting inline styles the CSP refuses
# (static/js/editor-no-inline-styles.js) and give the toolbar's tips the editor's language
# (static/js/editor-translations.js). They allow no markup, so the sanitizer learns nothing from them.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/editor-no-inline-styles.js")],
        "extensions": {"NoInlineStyles": lambda config, nh3_config: None},
    },
    {
        "js": [static_lazy("js/editor-translations.js")],
        "extensions": {"TranslatedToolbar": lambda config, nh3_config: None},
    },
]

# How long the desk dashboard's charts (admin index) are kept in the shared cache; 0: counted every time.
DESK_CHART_CACHE_SECONDS = env.int("DESK_CHART_CACHE_SECONDS", default=60)

# Background jobs and uncached speed: the home page's ranked lists ("Most read", "Top rated",
# "Most discussed") are computed by periodic jobs into a small table, never per request, and the
# view counts are flushed on a schedule. The jobs run in `manage.py run_huey` beside the web server.
# The queue lives in Redis when REDIS_URL is set, otherwise in a SQLite file (the demo needs no Redis).
HUEY = {
    "name": "newsportal",
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "connection": {"url": REDIS_URL} if REDIS_URL else {"filename": str(BASE_DIR / "huey.sqlite3")},
    "consumer": {"workers": 1, "worker_type": "thread"},
}
INSTALLED_APPS += ["huey.contrib.djhuey"]
# Ranked lists are recomputed every minute; if no job has refreshed them for this many seconds
# (no consumer running, as in `make demo`), the next page that shows them recomputes them itself.
RANKINGS_MAX_AGE = env.int("RANKINGS_MAX_AGE", default=10 * 60)
# Persistent database connections: a worker keeps its connection this many seconds instead of
# opening one per request; a health check before reuse replaces connections the server dropped.
CONN_HEALTH_CHECKS = env.bool("CONN_HEALTH_CHECKS", default=True)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = CONN_HEALTH_CHECKS
# Search ranks only the newest this many matches of a query (and says "more than N" beyond them):
# ranking every story that contains a common word is what makes such searches slow.
SEARCH_MAX_RANKED = env.int("SEARCH_MAX_RANKED", default=1000)
# Seconds the ids a search found are kept in the shared cache (keyed by the site's version, so any
# change to a story starts afresh; docs/performance.md, "Search"); 0 runs every search in the database.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=300)

# Partner API (/api/v1/) and wire ingest.
# Stories' ninjs URIs start with this: stable, whatever the story's edition, section or address.
API_URI_BASE = env.str("API_URI_BASE", default="urn:newsportal:")
# The changes feed holds back changes this recent, so that a story saved in a transaction still in
# flight is never skipped by a cursor that has already moved past its time.
API_CHANGES_SETTLE_SECONDS = env.int("API_CHANGES_SETTLE_SECONDS", default=5)
# Wire ingest: seconds to wait for a source, and the largest feed or picture fetched (bytes).
WIRE_FETCH_TIMEOUT = env.int("WIRE_FETCH_TIMEOUT", default=20)
WIRE_MAX_BYTES = env.int("WIRE_MAX_BYTES", default=10 * 1024 * 1024)

# Fragment cache: rendered story cards kept in the default cache, keyed by the page cache's version
# numbers, so pages the page cache does not answer still render quickly (docs/page-cache.md,
# "Fragments"). Seconds a fragment is kept (out-of-date ones are never read again); 0 turns it off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=24 * 60 * 60)
# Fragments each process also keeps in memory, most recently used first (0: none, every lookup asks the
# cache). Their keys carry the versions they were rendered at, so a copy in memory is never out of date.
FRAGMENT_LOCAL_ENTRIES = env.int("FRAGMENT_LOCAL_ENTRIES", default=500)
