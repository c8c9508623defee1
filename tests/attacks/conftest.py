import json
import os

import hypothesis
import pytest
from django.test import Client

from .corpus import smuggled_markup

# Everything the corpus sends is allowed through: the rate limits are tested elsewhere, and published
# comments show on the pages under test.
ATTACK_SETTINGS = {
    "COMMENTS_MODERATION": "post",
    "COMMENTS_RATE": "100000/m",
    "COMMENTS_REPORT_RATE": "100000/m",
    "RATING_RATE_LIMIT": "100000/h",
    "TYPO_RATE_LIMIT": "100000/m",
}


@pytest.fixture
def attack_settings(settings):
    for name, value in ATTACK_SETTINGS.items():
        setattr(settings, name, value)


@pytest.fixture
def desk(django_user_model):
    """An editor who also sees the moderation and typo queues: every admin page that shows readers' text."""
    user = django_user_model.objects.create_superuser("attack-desk", "desk@example.org", "pw-attack-desk-1")
    client = Client()
    client.force_login(user)
    return client


def held(response):
    """The answer to a hostile request: a 4xx or a normal page, and nothing of the payload live in it."""
    assert response.status_code < 500, f"{response.status_code} for {response.request['PATH_INFO']}"
    location = response.get("Location", "")
    assert "\n" not in location and "\r" not in location
    assert not location.startswith("//") and (location.startswith("/") or not location), location
    kind = response.get("Content-Type", "")
    if "text/html" in kind:
        assert smuggled_markup(response.content.decode(errors="replace")) == [], response.request["PATH_INFO"]
    elif "json" in kind:
        body = json.loads(response.content)
        if isinstance(body, dict) and isinstance(body.get("html"), str):
            assert smuggled_markup(body["html"]) == []
    assert not any(cookie.startswith("np-xss") for cookie in response.cookies)


# Fuzzing profiles: `make test` runs a quick pass; `make audit` sets HYPOTHESIS_PROFILE=long.
# No deadline: a request's time depends on how busy the machine is, not on the input.
hypothesis.settings.register_profile(
    "quick",
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow],
)
hypothesis.settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow],
)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
