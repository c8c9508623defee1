"""Discovery in a real browser: the header search box, the "seen" beacon, the printed story."""

import pytest
from playwright.sync_api import expect

from articles.discovery.viewcounts import article_views_flush
from articles.models import ArticleDailyViews
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome" and is not counted, as crawlers are: be a reader's browser.
READER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": READER_BROWSER}


def test_reader_searches_from_the_header_with_the_keyboard(page, live_server, story):
    ArticleFactory(title="Weather: snow in the capital", lead="Heavy snow fell overnight.")
    page.goto(live_server.url + "/en/")

    box = page.get_by_role("search").first.get_by_label("Search the news")
    box.focus()
    page.keyboard.type("budget")
    page.keyboard.press("Enter")

    page.wait_for_url("**/en/search/?q=budget")
    expect(page.get_by_role("status")).to_have_text("1 story found for “budget”.")
    result = page.locator(".card").first
    expect(result.locator("mark").first).to_have_text("budget")
    expect(page.get_by_role("link", name="Weather: snow in the capital")).to_have_count(0)


def test_opening_a_story_sends_one_beacon_that_is_counted(page, live_server, story):
    with page.expect_request(lambda request: "/reader/seen/" in request.url) as sent:
        page.goto(live_server.url + story.get_absolute_url())

    request = sent.value
    assert request.method == "POST"
    assert request.url == f"{live_server.url}/en/reader/seen/{story.pk}/"
    page.wait_for_load_state("networkidle")
    article_views_flush()
    assert ArticleDailyViews.objects.get(article=story).views == 1


def test_printed_story_keeps_the_story_and_drops_the_chrome(page, live_server, story):
    ArticleFactory(section=story.section, title="Another story of the section")
    page.goto(live_server.url + story.get_absolute_url())
    for chrome in (".site-header", ".site-footer", ".share", ".breadcrumbs", ".more"):
        expect(page.locator(chrome).first).to_be_visible()
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".story__body")).to_be_visible()
    for chrome in (".site-header", ".site-footer", ".share", ".breadcrumbs", ".more"):
        expect(page.locator(chrome).first).to_be_hidden()
