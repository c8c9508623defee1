"""Lighthouse 12 (npm lighthouse@12.2.3, phone profile) against the gate site on a live server.

make test: the story and home pages must score 100 in accessibility, best practices and SEO.
make audit (-m audit): all four categories over every kind of page in both editions, performance at
least 95.
Performance is kept out of make test: on a loaded two-core machine the same page scores 65 to 100.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.gates.checkers import gate_report, lighthouse, lighthouse_failures, lighthouse_scores
from tests.gates.site import EDITIONS, PAGE_TYPES

pytestmark = [pytest.mark.gates, pytest.mark.django_db]

GATED = ("accessibility", "best-practices", "seo")
LIGHTHOUSE_PAGES = [f"{kind.name}-en" for kind in PAGE_TYPES if kind.lighthouse]
# The audit: each kind of page a reader reaches by a link, both editions (the variants of a page that only
# add a notice are left to axe). Search results and the comment form ask not to be indexed (noindex),
# so SEO is not scored there.
AUDIT_KINDS = ["home", "section", "tag", "author", "archive-year", "archive-month", "archive-day"]
AUDIT_KINDS += ["story", "story-plain", "search", "comment-form"]
AUDIT_PAGES = [f"{kind}-{code}" for code in EDITIONS for kind in AUDIT_KINDS]
NOT_INDEXED = ("search", "comment-form")
PERFORMANCE_FLOOR = 95


def run(gate_server, names, categories, parallel=1):
    """{name: report}. Runs may overlap when performance is not scored: the other categories do not
    depend on timing, and each run spends most of its time waiting for Chrome."""

    def one(name):
        started = time.monotonic()
        report = lighthouse(gate_server.url + gate_server.pages[name].path, categories=categories)
        scores = ", ".join(f"{k} {v}" for k, v in lighthouse_scores(report).items())
        gate_report(f"Lighthouse {name}: {scores}", started)
        return name, report

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return dict(pool.map(one, names))


def assert_scores(report, name, path, categories, floor=100):
    scores = lighthouse_scores(report)
    low = [category for category in categories if scores[category] < floor]
    details = [f"{c} {scores[c]}:\n" + "\n".join(lighthouse_failures(report, c)) for c in low]
    assert not low, f"Lighthouse on {name} ({path}), phone, below {floor}:\n" + "\n".join(details)


@pytest.fixture(scope="module")
def reports(gate_server):
    return run(gate_server, LIGHTHOUSE_PAGES, GATED, parallel=2)


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_accessibility_best_practices_seo(reports, gate_server, name):
    assert_scores(reports[name], name, gate_server.pages[name].path, GATED)


@pytest.fixture(scope="module")
def audit_reports(gate_server):
    return run(gate_server, AUDIT_PAGES, ("performance", *GATED))


@pytest.mark.audit
@pytest.mark.parametrize("name", AUDIT_PAGES)
def test_audit_lighthouse(audit_reports, gate_server, name):
    page = gate_server.pages[name]
    categories = [c for c in GATED if not (c == "seo" and page.kind.name in NOT_INDEXED)]
    assert_scores(audit_reports[name], name, page.path, categories)
    assert_scores(audit_reports[name], name, page.path, ["performance"], floor=PERFORMANCE_FLOOR)
