"""Gate plumbing. `audit` tests (Lighthouse performance, more pages) run only when asked: `-m audit`.

The browser gates judge a whole site at once: `gate_server` builds the gate site in the test database,
outside any test's transaction, and serves it on its own live server for the module, so the walk over
every page happens once (one browser, one set of data) instead of once per test.
"""

import time

import pytest
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests.gates.checkers import REPORT, gate_report
from tests.gates.site import build_gate_site, gate_database, gate_pages


def pytest_collection_modifyitems(config, items):
    if "audit" in (config.getoption("markexpr") or ""):
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("audit") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("quality gates")
        for line in REPORT:
            terminalreporter.write_line(line)


class GateServer:
    def __init__(self, server, site):
        self.server = server
        self.site = site
        self.url = server.url
        self.pages = gate_pages(site)


@pytest.fixture(scope="module")
def gate_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """The gate site, committed, on a live server of its own; emptied again afterwards.

    Not pytest-django's `live_server`: a test that uses that one is transactional and empties the
    database when it ends, which would take the site away from the next test of the module.
    Everything that touches the database (the server thread included) runs while the blocker is open.
    Photos go to a folder of their own: other test runs on the machine empty the shared test media.
    """
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("gate-media"))
    with media, django_db_blocker.unblock(), gate_database():
        started = time.monotonic()
        site = build_gate_site()
        gate_report("gate site built and served", started)
        server = LiveServer("localhost")
        try:
            yield GateServer(server, site)
        finally:
            server.stop()
