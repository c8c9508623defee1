"""Browser gates on every page of the gate list, in both editions: axe-core (WCAG 2.1 A and AA) on a
phone and a desktop, requests to other hosts, console errors, and the story page's weight.

One walk over the site (one browser, one data set) feeds all the tests here; each test then reads
its part of the walk, so a failure names the page, and axe's the rule and the element too.
"""

import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.test import override_settings

from tests.gates.checkers import (
    FOREIGN_URL,
    ConsoleLog,
    NetworkLog,
    axe_violations,
    format_violations,
    gate_report,
    page_weight,
    with_axe,
)
from tests.gates.site import BROWSER_UA, EDITIONS, PAGE_TYPES

# django_db: so the test database is set up at all; the tests themselves only read the walk.
pytestmark = [pytest.mark.browser, pytest.mark.gates, pytest.mark.django_db]

# Headless Chromium says "HeadlessChrome" in its User-Agent, which the site takes for a robot (no votes):
# the gates walk as readers' browsers do.
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"
)
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
        "user_agent": PHONE_UA,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}, "user_agent": BROWSER_UA},
}
PAGE_NAMES = [f"{kind.name}-{code}" for code in EDITIONS for kind in PAGE_TYPES]
# HTML, CSS and JS of a story page, gzipped: what a reader on a slow phone waits for before reading.
STORY_BUDGET = 60 * 1024


@dataclass
class Visit:
    status: int = 0
    violations: list = field(default_factory=list)
    foreign: list = field(default_factory=list)
    fonts: list = field(default_factory=list)
    console: list = field(default_factory=list)
    weight: list = field(default_factory=list)


def open_typo_dialog(page):
    page.locator("[data-typo-open]").click()
    page.locator("dialog[open]").wait_for(state="visible")


STATES = {"open_typo_dialog": open_typo_dialog}


def navigate(page, url, gate_page):
    """Open a page as a reader would: a link, or for an answer, the no-JS form sent from the story page."""
    if gate_page.method == "GET":
        return page.goto(url, wait_until="load")
    data = dict(gate_page.data)
    if gate_page.csrf:
        # The browser's own CSRF cookie and a token for it, as static/js/csrf.js fetches them.
        token_url = f"{url.split('/', 3)[0]}//{url.split('/', 3)[2]}/{gate_page.edition}/reader/csrf/"
        data["csrfmiddlewaretoken"] = page.request.get(token_url).json()["csrfToken"]

    def send_form(route):
        headers = {**route.request.headers, "content-type": "application/x-www-form-urlencoded"}
        route.continue_(method="POST", post_data=urlencode(data), headers=headers)

    page.route(url, send_form)
    try:
        with override_settings(**gate_page.settings):
            return page.goto(url, wait_until="load")
    finally:
        page.unroute(url, send_form)


@pytest.fixture(scope="module")
def walk(gate_server, browser):
    """{(viewport, page name): Visit} for every page of the gate list, on each viewport."""
    visits = {}
    started = time.monotonic()
    for viewport, options in VIEWPORTS.items():
        context = browser.new_context(**options)
        # Requests to other hosts are refused (and still logged): nothing leaves the machine.
        context.route(FOREIGN_URL, lambda route: route.abort())
        with_axe(context)
        log = NetworkLog(context)
        page = context.new_page()
        console = ConsoleLog(page)
        for name, gate_page in gate_server.pages.items():
            log.clear()
            console.clear()
            response = navigate(page, gate_server.url + gate_page.path, gate_page)
            log.settle(page)
            if gate_page.state:
                STATES[gate_page.state](page)
            visit = Visit(status=response.status if response else 0)
            visit.violations = axe_violations(page)
            visit.foreign = log.foreign()
            visit.fonts = log.of_type("font")
            # A page meant to answer 404 (or 400, 403, 429) does; the browser logs that as an error too.
            visit.console = [
                text for text in console.errors if not (gate_page.status != 200 and text.endswith(gate_page.path))
            ]
            if viewport == "phone":
                visit.weight = page_weight(log.responses)
            visits[viewport, name] = visit
        context.close()
    gate_report(f"browser walk: {len(gate_server.pages)} pages x {len(VIEWPORTS)} viewports", started)
    return visits


def where(gate_server, name, viewport=None):
    page = gate_server.pages[name]
    return f"{name} ({page.path}{', ' + viewport if viewport else ''})"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_answers(walk, gate_server, name):
    expected = gate_server.pages[name].status
    for viewport in VIEWPORTS:
        assert walk[viewport, name].status == expected, where(gate_server, name, viewport)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_axe_wcag21_aa(walk, gate_server, name, viewport):
    violations = walk[viewport, name].violations
    assert not violations, "axe-core, WCAG 2.1 A/AA:\n" + format_violations(
        violations, where(gate_server, name, viewport)
    )


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_nothing_is_loaded_from_another_host(walk, gate_server, name):
    for viewport in VIEWPORTS:
        visit = walk[viewport, name]
        assert not visit.foreign, f"{where(gate_server, name, viewport)} asked other hosts for {visit.foreign}"
        assert not visit.fonts, f"{where(gate_server, name, viewport)} loads web fonts {visit.fonts}: we use none"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_console_errors(walk, gate_server, name):
    """Scripts that fail, styles or scripts the CSP blocks, missing files: all show up in the console."""
    for viewport in VIEWPORTS:
        console = walk[viewport, name].console
        assert not console, f"{where(gate_server, name, viewport)} console errors:\n  " + "\n  ".join(console)


@pytest.mark.parametrize("edition", EDITIONS)
def test_story_page_weight(walk, gate_server, edition):
    rows = walk["phone", f"story-{edition}"].weight
    total = sum(gz for _type, _url, _raw, gz in rows)
    table = "\n".join(f"  {kind:10} {raw:7} raw {gz:7} gzipped  {url}" for kind, url, raw, gz in rows)
    by_type = {kind: sum(gz for k, _u, _r, gz in rows if k == kind) for kind in ("document", "stylesheet", "script")}
    gate_report(f"story-{edition} weight, gzipped: {by_type} = {total} bytes (budget {STORY_BUDGET})")
    assert {kind for kind, *_rest in rows} >= {"document", "stylesheet", "script"}, table
    assert total <= STORY_BUDGET, f"story page: HTML+CSS+JS {total} bytes gzipped > {STORY_BUDGET}:\n{table}"
