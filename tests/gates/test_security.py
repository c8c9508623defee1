"""Production settings, as a reader's browser meets them: HTTPS only, and the headers that keep a page
from being framed, sniffed or run with injected code. (`check --deploy` runs in tests/test_settings.py.)

Every gate page's headers in the test settings are checked in test_html.py; this runs the real
settings module with DEBUG off in a separate process, since they are read once, at import.
"""

import json
import secrets

import pytest

from tests.gates.checkers import csp_problems
from tests.test_settings import manage

pytestmark = pytest.mark.gates

# robots.txt needs no database, so the production process needs none either.
FETCH = """
import json
from django.test import Client
client = Client(HTTP_HOST="news.example.com")
secure = client.get("/robots.txt", secure=True)
plain = client.get("/robots.txt")
print(json.dumps({
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
}))
"""


@pytest.fixture(scope="module")
def production():
    result = manage(
        "shell",
        "-c",
        FETCH,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="news.example.com",
        DATABASE_URL="sqlite:////tmp/newsportal-headers-check.sqlite3",
        # Production insists on a shared cache; none needs to answer (pages are then served uncached).
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_sent_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://news.example.com/robots.txt"


def test_https_answers_carry_hsts_for_a_year_with_subdomains(production):
    assert production["status"] == 200
    hsts = production["headers"].get("Strict-Transport-Security", "")
    directives = {part.strip().split("=")[0].lower(): part.strip() for part in hsts.split(";") if part.strip()}
    assert "includesubdomains" in directives, hsts
    assert int(directives["max-age"].split("=")[1]) >= 31_536_000, hsts


def test_production_headers(production):
    headers = production["headers"]
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin"
    assert headers.get("X-Frame-Options") == "DENY"
    csp = headers.get("Content-Security-Policy", "")
    assert not csp_problems(csp), csp_problems(csp)
    assert "frame-ancestors 'none'" in csp
