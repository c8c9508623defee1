"""The desk dashboard in a real Chromium under the strict CSP: charts drawn, no violation, and each
chart's figures reachable from the keyboard."""

import pytest
from django.utils import timezone

from tests.browser.conftest import VIOLATIONS
from tests.factories import ArticleFactory, CommentFactory, VoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_draws_its_charts_without_a_csp_violation(live_server, page, admin_login):
    # Published now, not the factory's hour ago: between midnight and one in the site's time zone that is yesterday.
    story = ArticleFactory(published_at=timezone.now())
    VoteFactory(article=story, score=5)
    CommentFactory(article=story)
    page.add_init_script(VIOLATIONS)
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    admin_login(page)

    bars = page.locator("#chart-articles-published rect.desk-chart-bar")
    assert bars.count() == 14
    assert bars.last.bounding_box()["height"] > 0  # today's story
    assert page.locator("#chart-articles-published svg[role=img] title").text_content() == "Stories published per day"

    summary = page.locator("#chart-articles-votes summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#chart-articles-votes table").is_visible()

    assert page.evaluate("window.__cspViolations") == []
    assert errors == []  # the favicon is answered too
