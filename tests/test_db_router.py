"""The read replica (DATABASE_REPLICA_URL): reads there, writes and reads after a write on the primary.

The "replica" alias is a test mirror of the primary: the same test database through its own connection,
so where each query went shows in each connection's log.
"""

import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from tests.factories import ArticleFactory

ROUTER = "newsportal.db_router.ReplicaRouter"
MIDDLEWARE = "newsportal.db_router.PrimaryAfterWriteMiddleware"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


# Routing is what is measured: every request renders, none is answered by the shared page cache.
pytestmark = [pytest.mark.django_db(transaction=True, databases="__all__"), pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]
    settings.RATELIMIT_ENABLE = False


class Queries:
    """The SQL each database saw while the block ran."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def on(self, log, word):
        return [q["sql"] for q in log.captured_queries if q["sql"].lstrip().upper().startswith(word)]


def test_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    story = ArticleFactory()
    # A fresh thread-level state: the factory's write above pinned this test's context to the primary.
    from newsportal import db_router

    token = db_router._wrote.set(False)
    try:
        assert Article.objects.all().db == "replica"
        with Queries() as queries:
            assert Article.objects.get(pk=story.pk).title == story.title
        assert queries.on(queries.replica, "SELECT") and not queries.primary.captured_queries

        Article.objects.filter(pk=story.pk).update(title="Changed")
        # Read after write: the primary, which has it for sure.
        assert Article.objects.all().db == "default"
    finally:
        db_router._wrote.reset(token)


def test_reads_inside_a_transaction_on_the_primary_stay_there(replica):
    from newsportal import db_router

    token = db_router._wrote.set(False)
    try:
        with transaction.atomic():
            assert Article.objects.all().db == "default"
        assert Article.objects.all().db == "replica"
    finally:
        db_router._wrote.reset(token)


def test_migrations_run_on_the_primary_only(replica):
    from newsportal.db_router import ReplicaRouter

    assert ReplicaRouter().allow_migrate("default", "articles")
    assert not ReplicaRouter().allow_migrate("replica", "articles")


def test_a_page_is_read_from_the_replica_alone(replica):
    story = ArticleFactory()
    reader = Client(HTTP_USER_AGENT=BROWSER)
    with Queries() as queries:
        response = reader.get(story.get_absolute_url())
    assert response.status_code == 200
    assert queries.on(queries.replica, "SELECT")
    assert not queries.primary.captured_queries
    assert "primary_until" not in response.cookies


def test_after_a_vote_the_reader_reads_from_the_primary_for_a_few_seconds(replica, settings, fragment_cache_off):
    story = ArticleFactory()
    reader = Client(HTTP_USER_AGENT=BROWSER)
    with translation.override("en"):
        rate_url = reverse("articles:rate", kwargs={"pk": story.pk})

    with Queries() as queries:
        response = reader.post(rate_url, {"score": "4"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert queries.on(queries.primary, "INSERT") or queries.on(queries.primary, "UPDATE")
    assert not queries.on(queries.replica, "INSERT") and not queries.on(queries.replica, "UPDATE")
    pin = response.cookies["primary_until"]
    assert pin["max-age"] == settings.REPLICA_PIN_SECONDS
    assert pin["httponly"]

    # (Blocks kept rendered would answer with no query at all: fragment_cache_off makes the page read.)
    # The reader's next page comes from the primary: it shows the vote even if the replica lags.
    with Queries() as queries:
        assert reader.get(story.get_absolute_url()).status_code == 200
    assert queries.on(queries.primary, "SELECT") and not queries.replica.captured_queries

    # Once the pin has passed (or with a cookie that is not a time), back to the replica.
    for stale in (f"{time.time() - 1:.0f}", "not-a-time"):
        reader.cookies["primary_until"] = stale
        with Queries() as queries:
            assert reader.get(story.get_absolute_url()).status_code == 200
        assert queries.on(queries.replica, "SELECT") and not queries.primary.captured_queries
