"""Every payload of the corpus through every reader input, then every page that shows it: each answer a
4xx or a normal page, nothing of the payload live as markup or code.

tests/browser/test_attacks.py sends the corpus through every editor field too, and renders the pages.
"""

import pytest

from tests.factories import ArticleFactory, AuthorFactory

from .conftest import held
from .corpus import payload_ids, payload_texts, payloads, smuggled_markup
from .seeding import admin_pages_showing, pages_showing, reader_seed

pytestmark = pytest.mark.django_db


def test_the_corpus_covers_every_kind_of_attack():
    kinds = {payload_id.rsplit("-", 1)[0] for payload_id, _text in payloads()}
    assert kinds == {"xss", "breakout", "sql", "path", "crlf_nul", "unicode", "huge"}
    assert {payload_id.rsplit("-", 1)[0] for payload_id in payload_ids()} == kinds
    assert max(len(text) for text in payload_texts(full=True)) >= 100_000


def test_the_checker_sees_what_a_payload_could_leave_behind():
    assert smuggled_markup("<p>&lt;b data-np-xss&gt;</p>") == []
    assert smuggled_markup('<p title="&quot;&gt;&lt;b data-np-xss&gt;">x</p>') == []
    assert smuggled_markup('<p>"><b data-np-xss>broken</b></p>') == ["<b data-np-xss>"]
    assert smuggled_markup("<img src=x onerror=\"alert('np-xss')\">") == ["<img onerror=…>"]
    assert smuggled_markup("<a href=' JavaScript:alert(1)'>x</a>") == ["<a href=' JavaScript:alert(1)'>"]
    assert smuggled_markup("<script>alert('np-xss')</script>") == ["<script>alert('np-xss')</script>"]
    script = '<script type="application/ld+json">{"headline": "\\u003cscript\\u003ealert(\'np-xss\')"}</script>'
    assert smuggled_markup(script) == []


@pytest.mark.parametrize("payload", payload_texts(full=True), ids=payload_ids(full=True))
def test_payload_through_every_reader_input(client, desk, attack_settings, payload):
    """Reader inputs on a story an editor wrote; the admin's side is in the browser test."""
    story = ArticleFactory(authors=[AuthorFactory()], tags=["budget"])
    reader_seed(client, story, payload, held)

    for url in pages_showing(story, tag=story.tags.get()):
        response = client.get(url)
        assert response.status_code == 200, url
        held(response)
    for url in admin_pages_showing(story):
        response = desk.get(url)
        assert response.status_code == 200, url
        held(response)
