"""The story form in a real Chromium, under the site's strict CSP, as an editor (not a superuser)."""

import pytest
from taggit.models import Tag

from articles.models import Article
from tests.browser.conftest import EDITOR_PASSWORD
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_writes_a_story_with_the_body_editor_and_autocompletes(live_server, page, admin_login, desk_editor):
    section = SectionFactory(name="Politics", slug="politics")
    Tag.objects.create(name="Budget")
    problems = []
    page.on(
        "console",
        lambda m: m.type == "error" and "favicon" not in m.location.get("url", "") and problems.append(m.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.select_option("#id_edition", "en")
    page.locator("#id_title").press_sequentially("Дума приняла бюджет")
    # Playwright inserts Cyrillic without key events; a real key press lets the slug catch up.
    page.locator("#id_title").press("End")
    assert page.input_value("#id_slug") == "duma-prinyala-byudzhet"
    page.fill("#id_lead", "Lawmakers approved the spending plan.")

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("The bill passed ")
    white_space = page.evaluate("getComputedStyle(document.querySelector('.ProseMirror')).whiteSpace")
    assert white_space in ("pre-wrap", "break-spaces"), "ProseMirror's base styles are loaded"
    page.keyboard.press("Control+b")
    page.keyboard.type("easily")

    # Sections are a short list, narrowed to the chosen edition (tests/browser/test_editors_path.py).
    page.select_option("#id_section", label="Politics (en)")
    page.locator("#id_existing_tags + .select2 .select2-search__field").fill("bud")
    page.locator(".select2-results__option", has_text="Budget").click()
    page.fill("#id_new_tags", "taxes")

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    story = Article.objects.get()
    assert story.slug == "duma-prinyala-byudzhet"
    assert story.section == section
    assert story.body == "<p>The bill passed <strong>easily</strong></p>"
    assert sorted(story.tags.names()) == ["Budget", "taxes"]
    # Tiptap also injects its base styles inline, which the CSP blocks (css/admin-editor.css
    # provides them); no script may be blocked.
    assert [text for text in problems if "style-src" not in text] == []
