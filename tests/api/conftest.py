import json
from pathlib import Path

import jsonschema
import pytest

from articles.api.models import ApiKey

NINJS_SCHEMA = json.loads((Path(__file__).parents[2] / "articles/api/ninjs-2.0.schema.json").read_text())
NINJS_VALIDATOR = jsonschema.Draft202012Validator(
    NINJS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def assert_ninjs(document):
    errors = sorted(NINJS_VALIDATOR.iter_errors(document), key=str)
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.fixture
def api_key(db):
    key, raw = ApiKey.issue(name="Partner daily", editions=["en", "ru"])
    key.raw = raw
    return key


@pytest.fixture
def partner(client, api_key):
    """The test client sending the key, as a partner would."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_key.raw}"
    return client
