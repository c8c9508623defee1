"""The attack corpus through every editor field (the admin's own forms) and every reader input, then every
page that shows it opened in Chromium: no dialog opens, no element the payload carried exists, no request
leaves for an address it named, no script error, no Content Security Policy violation.

`make test` sends two payloads of each kind; ATTACK_CORPUS=full (make audit) sends the whole corpus.
"""

import pytest
from django.test import Client

from tests.attacks.conftest import ATTACK_SETTINGS, held
from tests.attacks.corpus import CANARY_ATTRIBUTE, CANARY_CALL, payload_ids, payload_texts
from tests.attacks.seeding import admin_seed, pages_showing, reader_seed

pytestmark = pytest.mark.browser

# Recorded by the page itself from its first moment (Playwright injects it, so the page's CSP does not apply).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """The page with listeners for what a payload that got through would cause."""
    seen = {"dialogs": [], "errors": [], "requests": []}

    def dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dialog)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.add_init_script(WATCH_VIOLATIONS)
    return page, seen


def assert_page_held(page, seen, live_server, url):
    response = page.goto(f"{live_server.url}{url}")
    assert response.status == 200, url
    page.wait_for_load_state("load")
    assert page.locator(f"[{CANARY_ATTRIBUTE}]").count() == 0, url
    assert page.evaluate("window.__violations") == [], url
    assert seen["dialogs"] == [], url
    # A 404 for a missing favicon or rendition is not a payload's doing; anything else logged is.
    assert [error for error in seen["errors"] if "status of 404" not in error] == [], url
    foreign = [
        request
        for request in seen["requests"]
        if not request.startswith((live_server.url, "data:")) or CANARY_CALL in request
    ]
    assert foreign == [], url


@pytest.mark.parametrize(("n", "payload"), enumerate(payload_texts()), ids=payload_ids())
def test_payload_from_every_field_renders_inert(live_server, watched, settings, django_user_model, n, payload):
    for name, value in ATTACK_SETTINGS.items():
        setattr(settings, name, value)
    desk = Client()
    desk.force_login(django_user_model.objects.create_superuser("attack-desk", "desk@example.org", "pw-desk-1"))
    story = admin_seed(desk, payload, n, held)
    reader_seed(Client(), story, payload, held)

    page, seen = watched
    for url in pages_showing(story, tag=story.tags.get(slug=f"attack-tag-{n}")):
        assert_page_held(page, seen, live_server, url)
