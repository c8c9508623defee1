"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Fixtures here are meant for every browser test (typo reports, accessibility gates, …):
`story` is a published story with a body to select in, `admin_login` signs a staff
user in through the real admin form in the same browser page, `desk_editor` is an Editors-group
user to sign in with it (`admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)`), and
`watch(page)` collects a page's CSP violations and script errors.
"""

import pytest

from tests.factories import ArticleFactory

# Chromium's launch arguments, the DJANGO_ALLOW_ASYNC_UNSAFE switch and the order (browser tests last)
# are session-wide, in tests/conftest.py: the quality gates in tests/gates use the same browser.


@pytest.fixture
def story(db):
    """A published English story with a headline, lead and a two-paragraph body."""
    return ArticleFactory(
        title="Parliament passes the budget bill",
        lead="Lawmakers approved the spending plan after a long night of debate.",
        body=(
            "<p>The bill passed with a comfortible majority after eleven hours of debate.</p>"
            "<p>It now goes to the upper house, which is expected to approve it next week.</p>"
        ),
    )


STAFF_PASSWORD = "pw-staff-browser-1"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("desk", "desk@example.org", STAFF_PASSWORD)


@pytest.fixture
def admin_login(live_server, staff_user):
    """Sign in through the admin's login form: `admin_login(page)` leaves the page on the admin index."""

    def login(page, user=staff_user, password=STAFF_PASSWORD):
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    return login


EDITOR_PASSWORD = "pw-desk-editor-1"


@pytest.fixture
def desk_editor(django_user_model):
    """A staff user of the Editors group, with a password to sign in through the admin's form."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("desk-editor", password=EDITOR_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# Recorded by the page itself from its first moment (Playwright injects it, so the page's CSP does not apply).
VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def watch(page):
    """CSP violations and script errors of the page, for the end of the test."""
    problems = []
    page.add_init_script(VIOLATIONS)
    page.on(
        "console",
        lambda m: m.type == "error" and "favicon" not in m.location.get("url", "") and problems.append(m.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems
