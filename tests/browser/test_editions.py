"""Versions of a story in the editions, in a real Chromium: the editor links them with the admin's picker,
the reader follows the edition switch from one to the other."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_links_a_translation_with_the_picker_and_readers_switch_to_it(live_server, page, admin_login):
    en = ArticleFactory(edition="en", section__slug="economy", title="Central bank holds rates")
    ArticleFactory(edition="en", title="Budget passes")
    ru = ArticleFactory(edition="ru", section__slug="ekonomika", title="Центробанк сохранил ставку")
    admin_login(page)

    page.goto(f"{live_server.url}/admin/articles/article/{ru.pk}/change/")
    page.locator("#id_translation_of + .select2").click()
    options = page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    # Only the other edition's stories are offered.
    assert sorted(options.all_inner_texts()) == ["Budget passes", "Central bank holds rates"]
    page.locator(".select2-search__field").last.fill("Central")
    page.locator(".select2-results__option", has_text="Central bank holds rates").click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    assert [version.pk for version in Article.objects.get(pk=ru.pk).other_versions()] == [en.pk]

    page.goto(f"{live_server.url}{en.get_absolute_url()}")
    page.locator(".edition-switch a[hreflang=ru]").first.click()
    page.wait_for_url(f"{live_server.url}{ru.get_absolute_url()}")
    assert page.locator("h1").first.inner_text() == ru.title
    page.locator(".edition-switch a[hreflang=en]").first.click()
    page.wait_for_url(f"{live_server.url}{en.get_absolute_url()}")
