"""The admin's story editor keeps the site's strict CSP: no violation, no console error on its pages."""

import pytest

from tests.browser.conftest import watch
from tests.factories import ArticleFactory, PhotoFactory, RelatedLinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("which", ["change", "add"])
def test_the_story_editor_has_no_csp_violation(live_server, page, admin_login, which):
    story = ArticleFactory(image=PhotoFactory(), tags=["budget"])
    RelatedLinkFactory(article=story)
    problems = watch(page)
    admin_login(page)

    url = f"/admin/articles/article/{story.pk}/change/" if which == "change" else "/admin/articles/article/add/"
    page.goto(live_server.url + url)
    page.wait_for_load_state("networkidle")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type(" More.")

    violations = page.evaluate("window.__cspViolations")
    assert violations == []
    assert problems == []
