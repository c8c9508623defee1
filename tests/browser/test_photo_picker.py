"""The story form's photo picker shows thumbnails, in a real Chromium under the admin's strict CSP."""

import pytest

from articles.models import Article
from tests.browser.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def smallest(photo):
    return min(photo.renditions(), key=lambda rendition: rendition[1])[0]


def test_the_editor_picks_a_photo_by_its_thumbnail(live_server, page, admin_login, desk_editor):
    SectionFactory(name="World", slug="world")
    harbour = PhotoFactory(caption="Harbour at dawn")
    PhotoFactory(caption="Delegates before the vote")
    problems = []
    page.on(
        "console",
        lambda m: m.type == "error" and "favicon" not in m.location.get("url", "") and problems.append(m.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_image + .select2 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("harbour")
    result = page.locator(".select2-results__option", has_text="Harbour at dawn")
    thumbnail = result.locator("img.photo-picker-thumbnail")
    thumbnail.wait_for()
    assert thumbnail.get_attribute("src") == smallest(harbour)
    assert thumbnail.bounding_box()["width"] == 48
    result.click()

    chosen = page.locator("#id_image + .select2 .select2-selection__rendered")
    assert "Harbour at dawn" in chosen.inner_text()
    assert chosen.locator("img.photo-picker-thumbnail").get_attribute("src") == smallest(harbour)
    assert page.input_value("#id_image") == str(harbour.pk)
    # Only transient media 404s (media is not served in tests) may show; no CSP refusal, no script error.
    assert not [text for text in problems if "404" not in text], problems


def test_the_chosen_photo_shows_its_thumbnail_when_the_story_is_opened(live_server, page, admin_login, desk_editor):
    photo = PhotoFactory(caption="Harbour at dawn")
    story = ArticleFactory(image=photo, status=Article.Status.DRAFT, published_at=None)
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)

    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    chosen = page.locator("#id_image + .select2 .select2-selection__rendered")
    assert "Harbour at dawn" in chosen.inner_text()
    assert chosen.locator("img.photo-picker-thumbnail").get_attribute("src") == smallest(photo)
