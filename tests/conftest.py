import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_cache():
    from newsportal.pagecache.store import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@pytest.fixture
def page_cache_off(settings):
    """Query budgets measure rendering: with the shared page cache on, a repeated request is answered
    from it without a query, and the first one also works out the next scheduled publication."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def fragment_cache_off(settings):
    """Query budgets are those of a cold render: a discussion kept in the fragment cache reads no
    comment (tests/pagecache/test_fragments.py counts the warm render)."""
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def search_cache_off(settings):
    """Query budgets are those of a search made for the first time: a repeated one takes the ids of its
    matches from the cache (tests/articles/test_search.py counts that)."""
    settings.SEARCH_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the test client leaves its
    edition's language active in the thread, and reverse() or messages would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    """The test client signed in as `editor`."""
    client.force_login(editor)
    return client


# ---- Browser tests (tests/browser, tests/gates): Playwright drives Debian's Chromium ------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root
    "--disable-gpu",
    "--disable-background-networking",  # otherwise Chromium calls home, and the network gate sees it
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's hook: Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _sync_db_connections_closed():
    """Close the database connections opened before Playwright starts (see below)."""
    connections.close_all()


@pytest.fixture(scope="session")
def playwright(_sync_db_connections_closed, playwright):
    """Playwright's sync API keeps an asyncio loop marked as running in the main thread from its start
    to the end of the session, so every ORM call meanwhile (factories, assertions, the flush after a
    transactional test, dropping the test database) raises SynchronousOnlyOperation. The calls are
    still synchronous, so allowing them is safe, and only for that span: browser tests run last
    (below), so no other test runs with the check off.

    While that loop runs, Django keeps the main thread's connections apart from the ones it had before
    (asgiref's Local goes by context, not thread, in a thread with a running loop): each set is closed
    at its switch, or the one left open keeps the test database from being dropped at the end.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.hookimpl(trylast=True)  # after pytest-django's own (tryfirst) ordering
def pytest_collection_modifyitems(items):
    for item in items:
        marker = item.get_closest_marker("django_db")
        if item.get_closest_marker("browser") and "live_server" in item.fixturenames and marker is None:
            # The server thread sees only committed data.
            item.add_marker(pytest.mark.django_db(transaction=True))
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
