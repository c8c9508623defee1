"""Every page of the gate list at five widths, in both editions, in a real Chromium: nothing scrolls
sideways, and a full-page screenshot of each is kept for people to look at (SNAPSHOT_DIR, default
test-artifacts/; reviewed, not compared pixel by pixel)."""

import os
import time
from pathlib import Path

import pytest

from tests.gates.checkers import FOREIGN_URL, gate_report
from tests.gates.site import BROWSER_UA, EDITIONS, PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.gates, pytest.mark.django_db]

WIDTHS = [320, 390, 768, 1366, 1920]
HEIGHT = 900
SNAPSHOTS = Path(os.environ.get("SNAPSHOT_DIR", "test-artifacts")) / "pages"
PAGE_NAMES = [f"{kind.name}-{code}" for code in EDITIONS for kind in PAGE_TYPES if not kind.data]

# Sideways overflow: the page wider than the window, and which elements stick out (to name them).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 1)
        .filter((element) => !element.closest("[hidden], .visually-hidden, dialog:not([open])"))
        .slice(0, 5)
        .map((element) => element.tagName.toLowerCase() + (element.className ? "." + element.className : ""));
    return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture(scope="module")
def widths_walk(gate_server, browser):
    """{(width, page name): overflow measure} for every GET page of the gate list at every width."""
    measures = {}
    started = time.monotonic()
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT}, user_agent=BROWSER_UA)
        context.route(FOREIGN_URL, lambda route: route.abort())
        page = context.new_page()
        for name in PAGE_NAMES:
            page.goto(gate_server.url + gate_server.pages[name].path)
            measures[width, name] = page.evaluate(OVERFLOW)
            page.screenshot(path=str(SNAPSHOTS / f"{name}-{width}.png"), full_page=True)
        context.close()
    gate_report(f"widths walk: {len(PAGE_NAMES)} pages x {len(WIDTHS)} widths", started)
    return measures


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_page_scrolls_sideways(widths_walk, name):
    for width in WIDTHS:
        measure = widths_walk[width, name]
        assert measure["scroll"] <= measure["width"], (
            f"{name} at {width} px is {measure['scroll']} px wide: {measure['wide']}"
        )


def test_every_page_and_width_has_a_snapshot(widths_walk):
    missing = [
        f"{name}-{width}" for width in WIDTHS for name in PAGE_NAMES if not (SNAPSHOTS / f"{name}-{width}.png").exists()
    ]
    assert not missing
