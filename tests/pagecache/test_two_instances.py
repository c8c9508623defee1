"""Two app instances (gunicorn, production settings) sharing the test database and one Redis database:
votes add up exactly, no comment is lost, and a write on one instance drops the pages cached by the
other within 5 seconds.

Uses (and empties of this app's keys) the Redis database PAGE_CACHE_TEST_REDIS_URL, by default
redis://127.0.0.1:6379/1, and two free ports from 8100-8199.
"""

import os
import re
import secrets
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, SectionFactory
from tests.pagecache.conftest import REDIS_URL, ROOT
from tests.servers import gunicorn

PROPAGATION_SECONDS = 5
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) two-instance test"
VOTERS = 24
COMMENTS = 10

pytestmark = pytest.mark.django_db(transaction=True)


def free_ports(count, first=8100, last=8199):
    ports = []
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    pytest.fail(f"no {count} free ports in {first}-{last}")


def instance_env(static_root):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE", "COMMENTS_"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
        # Plain HTTP on loopback.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "READER_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Every client comes from 127.0.0.1: the per-address limits would be what we measure.
        "RATING_RATE_LIMIT": "100000/h",
        "COMMENTS_RATE": "100000/m",
        "COMMENTS_MIN_SECONDS": "0",
        "COMMENTS_MODERATION": "post",
        "LOG_LEVEL": "ERROR",
    }


@pytest.fixture
def instances(static_root):
    """Two gunicorn servers as `make serve` starts them, two workers each, sharing the test database and Redis."""
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("newsportal:*"):
        client.delete(key)
    env = instance_env(static_root)
    servers = []
    try:
        for port in free_ports(2):
            command, server_env = gunicorn(port, workers=2, env=env)
            process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=server_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            servers.append((process, f"http://127.0.0.1:{port}"))
        for process, base in servers:
            wait_until_up(process, base)
        yield [base for _process, base in servers]
    finally:
        for process, _base in servers:
            process.terminate()
        for process, _base in servers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_until_up(process, base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{base} exited: {process.stderr.read().decode()[-2000:]}")
        try:
            requests.get(f"{base}/robots.txt", timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):  # workers still importing the app
            time.sleep(0.2)
    pytest.fail(f"{base} did not answer within {seconds} s")


def reader():
    session = requests.Session()
    session.headers["User-Agent"] = BROWSER
    return session


def page(base, path, session=None):
    response = (session or reader()).get(base + path, timeout=10)
    assert response.status_code == 200, (base + path, response.status_code)
    return response


def shows_within(base, path, text, seconds=PROPAGATION_SECONDS):
    """Whether the page on `base` shows `text` within `seconds` of now."""
    deadline = time.monotonic() + seconds
    while True:
        if text in page(base, path).text:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def cached_within(base, path, seconds=PROPAGATION_SECONDS):
    """The page on `base` once it is served from the page cache (each worker process may hold version
    numbers up to PAGE_CACHE_LOCAL_SECONDS old, so the first fill after a write can be a miss on another
    worker)."""
    deadline = time.monotonic() + seconds
    while True:
        response = page(base, path)
        if response.headers["X-Page-Cache"] == "hit" or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def csrf(session, base):
    return session.get(f"{base}/en/reader/csrf/", timeout=10).json()["csrfToken"]


def vote(base, story_pk, score):
    session = reader()
    token = csrf(session, base)
    response = session.post(
        f"{base}/en/reader/rate/{story_pk}/",
        data={"score": str(score)},
        headers={"Accept": "application/json", "X-CSRFToken": token},
        timeout=20,
    )
    return response.status_code


def comment(base, story, number):
    session = reader()
    html = page(base, story.get_absolute_url(), session).text
    issued = re.search(r'name="issued"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="issued"', html)
    assert issued, "the comment form carries its stamp"
    token = csrf(session, base)
    response = session.post(
        f"{base}/en/comments/{story.pk}/post/",
        data={
            "author_name": f"Reader {number}",
            "author_email": "",
            "text": f"Comment number {number} about the budget vote.",
            "website": "",
            "reply_to": "",
            "issued": issued.group(1) or issued.group(2),
        },
        headers={"Accept": "application/json", "X-CSRFToken": token},
        timeout=20,
    )
    return response.status_code


def admin_session(base, username, password):
    session = reader()
    login = session.get(f"{base}/admin/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    response = session.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        timeout=10,
    )
    assert response.status_code == 200 and "/admin/login/" not in response.url, "the editor is signed in"
    return session


def test_two_instances_share_votes_comments_and_invalidation(instances, django_user_model):
    a, b = instances
    section = SectionFactory(slug="politics", name="Politics")
    story = ArticleFactory(section=section, title="Parliament passes the budget")
    draft = ArticleFactory(section=section, draft=True, title="Central bank cuts rates")
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org")
    # Hashed as production checks it (the test settings hash with MD5, which production does not accept).
    chief.password = PBKDF2PasswordHasher().encode("pw-chief-123", PBKDF2PasswordHasher().salt())
    chief.save()

    # B keeps the home and the story page.
    assert cached_within(b, "/en/").headers["X-Page-Cache"] == "hit"
    assert cached_within(b, story.get_absolute_url()).headers["X-Page-Cache"] == "hit"

    # Votes sent to both instances at once add up exactly.
    scores = [(a if n % 2 else b, 1 + n % 5) for n in range(VOTERS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda sent: vote(sent[0], story.pk, sent[1]), scores))
    assert statuses == [200] * VOTERS
    story.refresh_from_db()
    assert (story.rating_count, story.rating_sum) == (VOTERS, sum(score for _base, score in scores))
    assert shows_within(b, story.get_absolute_url(), f"{VOTERS} votes")

    # Comments sent to both instances are all kept, and B's cached page shows every one.
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda n: comment(a if n % 2 else b, story, n), range(COMMENTS)))
    assert statuses == [201] * COMMENTS
    assert Comment.objects.filter(article=story, status=Comment.Status.APPROVED).count() == COMMENTS
    assert shows_within(b, story.get_absolute_url(), f"Comment number {COMMENTS - 1} about the budget vote.")
    html = page(b, story.get_absolute_url()).text
    assert all(f"Comment number {n} about the budget vote." in html for n in range(COMMENTS))

    # An editor publishes on A: B's cached home page shows the story within 5 seconds.
    before = cached_within(b, "/en/")
    assert before.headers["X-Page-Cache"] == "hit"
    assert "Central bank cuts rates" not in before.text
    editor = admin_session(a, "chief", "pw-chief-123")
    changelist = editor.get(f"{a}/admin/articles/article/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', changelist).group(1)
    editor.post(
        f"{a}/admin/articles/article/",
        data={"csrfmiddlewaretoken": token, "action": "publish_now", "_selected_action": draft.pk, "index": 0},
        timeout=10,
    )
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED
    assert shows_within(b, "/en/", "Central bank cuts rates")
