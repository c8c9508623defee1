import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.factories import SectionFactory, image_file

FIXTURES = Path(__file__).parent / "fixtures"
PORTS = range(8600, 8700)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def wire_server(tmp_path):
    """A local HTTP server for the feed and ninjs sources (no network): serves a copy of the fixtures
    with PORT filled in, plus picture.jpg; returns (base URL, folder) so a test can change what it serves."""
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(tmp_path)))
            break
        except OSError:
            continue
    else:
        pytest.skip("no free port in 8600-8699")
    for path in FIXTURES.rglob("*"):
        if path.is_file():
            target = tmp_path / path.relative_to(FIXTURES)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text().replace("PORT", str(port)))
    (tmp_path / "picture.jpg").write_bytes(image_file().read())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", tmp_path
    server.shutdown()
    server.server_close()


def serve(folder, name, fixture):
    """Make `name` on the server answer with the fixture file `fixture`."""
    shutil.copy(folder / fixture, folder / name)


@pytest.fixture
def newsroom(db):
    return {
        "world": SectionFactory(edition="en", slug="world", name="World"),
        "economy": SectionFactory(edition="en", slug="economy", name="Economy"),
    }
