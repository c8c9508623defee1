from tests.comments.conftest import form_data, post_url, story  # noqa: F401 (shared fixtures)
