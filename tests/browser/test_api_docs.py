"""The partner API's docs page in a real browser: Swagger UI from our own files, under our CSP."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_our_own_files_without_csp_errors(page, live_server):
    errors, hosts = [], set()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(f"{live_server.url}/api/v1/docs")

    expect(page.get_by_text("/api/v1/changes", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Newsportal content API")).to_be_visible()
    assert errors == []
    assert hosts == {urlsplit(live_server.url).netloc}
