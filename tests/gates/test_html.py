"""The W3C Nu HTML checker on every page of the gate list (both editions) in one JVM run, and the
security headers every one of them is sent with. Pages come from the test client: no server needed."""

import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client

from tests.gates.checkers import csp_problems, format_vnu, gate_report, vnu_errors
from tests.gates.site import build_gate_site, client_get_page, ensure_reference_data, gate_pages

# django_db: so the test database is set up; the tests only read what `rendered` got.
pytestmark = [pytest.mark.gates, pytest.mark.django_db]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """{name: (GatePage, response, saved file)} for every page of the gate list, rendered once for the
    module in a transaction that is rolled back afterwards."""
    folder = tmp_path_factory.mktemp("gate-html")
    pages = {}
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        client = Client()
        for name, page in gate_pages(build_gate_site()).items():
            response = client_get_page(client, page)
            saved = folder / f"{name}.html"
            saved.write_bytes(response.content)
            pages[name] = (page, response, saved)
        yield pages
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


def test_every_page_answers_as_expected(rendered):
    wrong = [
        f"{name} ({page.path}): {response.status_code}, expected {page.status}"
        for name, (page, response, _f) in rendered.items()
        if response.status_code != page.status
    ]
    assert not wrong, "Unexpected status:\n  " + "\n  ".join(wrong)


def test_every_page_is_valid_html(rendered):
    started = time.monotonic()
    errors = vnu_errors([saved for _page, _response, saved in rendered.values()])
    gate_report(f"Nu HTML checker: {len(rendered)} pages, {len(errors)} errors", started)
    names = {saved.as_uri(): f"{name} ({page.path})" for name, (page, _r, saved) in rendered.items()}
    # vnu reports file:/tmp/… (one slash) where pathlib says file:///tmp/…
    names.update({uri.replace("file:///", "file:/"): label for uri, label in list(names.items())})
    assert not errors, "W3C Nu HTML checker:\n" + format_vnu(errors, names)


def test_every_page_forbids_inline_code(rendered):
    """CSP: scripts and styles only from our own files, so an injected <script> or style= does nothing."""
    problems = [
        f"{name} ({page.path}): {problem}"
        for name, (page, response, _f) in rendered.items()
        for problem in csp_problems(response.headers.get("Content-Security-Policy", ""))
    ]
    assert not problems, "Content-Security-Policy:\n  " + "\n  ".join(problems)


EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def test_every_page_is_sent_with_the_security_headers(rendered):
    wrong = []
    for name, (page, response, _f) in rendered.items():
        for header, value in EXPECTED_HEADERS.items():
            if response.headers.get(header) != value:
                wrong.append(f"{name} ({page.path}): {header}: {response.headers.get(header)!r}, expected {value!r}")
        frames = response.headers.get("Content-Security-Policy", "")
        if "frame-ancestors 'none'" not in frames:
            wrong.append(f"{name} ({page.path}): no frame-ancestors 'none' in the CSP")
    assert not wrong, "\n  ".join(["Security headers:", *wrong])


# What each page must hold for its judgement to mean something: a gate passed on an empty page proves little.
MUST_SHOW = {
    "home": ["card--lead", "<img"],
    "section": ['class="card'],
    "tag": ['class="card'],
    "author": ['class="card'],
    "archive-day": ['class="card'],
    "story": ["<img", 'class="related"', 'class="corrections"', 'class="rating"', "typo-dialog", "comment-form"],
    "story-rated": ["notice--ok"],
    "story-comment-pending": ["notice--ok"],
    "search": ['class="card', "<mark>"],
    "comment-form": ['id="comment-form"'],
    "comment-reply-form": ["comment-form-page__parent"],
    "comment-refused": ['role="alert"'],
    "rating-refused": ['class="rating"'],
    "story-live": ['data-live-status="live"', 'class="live__key-events"', "live-entry--pinned", "<img"],
}


def test_the_gate_pages_show_what_they_are_meant_to(rendered):
    missing = [
        f"{name} ({page.path}) lacks {marker!r}"
        for name, (page, response, _f) in rendered.items()
        for marker in MUST_SHOW.get(page.kind.name, [])
        if marker not in response.content.decode()
    ]
    assert not missing, "\n  ".join(["The gate site does not show what the gates are meant to judge:", *missing])
