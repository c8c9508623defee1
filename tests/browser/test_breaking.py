"""The breaking-news banner in a real Chromium: it appears on an open page within 10 s, goes when the flag
ends, stays dismissed across pages, and never shifts the layout."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.breaking.services import breaking_flag
from articles.models import Article
from newsportal import pagecache
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

# Sums every layout shift of the page, as Core Web Vitals' CLS counts them, from the first paint.
CLS_OBSERVER = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": READER_BROWSER, "viewport": {"width": 390, "height": 844}}


def flag_for(story, seconds):
    Article.objects.filter(pk=story.pk).update(breaking_until=timezone.now() + timedelta(seconds=seconds))
    pagecache.site_changed()


def test_the_banner_appears_on_an_open_page_within_10_seconds_and_goes_when_it_ends(page, live_server):
    reading = ArticleFactory(title="Quiet day in parliament")
    flash = ArticleFactory(title="Earthquake hits the capital", published_at=timezone.now() - timedelta(minutes=1))
    page.add_init_script(CLS_OBSERVER)
    page.goto(live_server.url + reading.get_absolute_url())
    banner = page.locator("#breaking")
    expect(banner.get_by_role("link")).to_have_count(0)
    page.wait_for_timeout(1500)  # the page's first poll is done: what follows comes from polling
    # The page's own widgets may settle as it loads (the rating widget asks for the reader's vote): only
    # what happens from here on is the banner's doing.
    settled = page.evaluate("window.__layoutShift")

    flag_for(flash, seconds=14)

    link = banner.get_by_role("link", name="Earthquake hits the capital")
    expect(link).to_be_visible(timeout=10_000)
    assert link.get_attribute("href") == flash.get_absolute_url()
    assert banner.get_attribute("aria-live") == "polite"
    assert page.evaluate("window.__layoutShift") == settled, "the banner must not move the page"
    expect(link).to_have_count(0, timeout=14_000 + 10_000)  # ended by itself, no save
    assert page.evaluate("window.__layoutShift") == settled


def test_a_dismissed_flash_stays_dismissed_across_pages_and_a_new_one_shows(page, live_server):
    first = ArticleFactory(title="Earthquake hits the capital", published_at=timezone.now() - timedelta(minutes=5))
    other = ArticleFactory(title="Quiet day in parliament", published_at=timezone.now() - timedelta(hours=2))
    breaking_flag(stories=Article.objects.filter(pk=first.pk))
    page.add_init_script(CLS_OBSERVER)
    page.goto(live_server.url + other.get_absolute_url())
    banner = page.locator("#breaking")
    expect(banner.get_by_role("link", name="Earthquake hits the capital")).to_be_visible()

    close = banner.get_by_role("button", name="Dismiss breaking news")
    close.focus()
    page.keyboard.press("Enter")
    expect(banner.get_by_role("link")).to_have_count(0)

    page.goto(live_server.url + "/en/")
    page.wait_for_timeout(1500)
    expect(banner.get_by_role("link")).to_have_count(0)

    second = ArticleFactory(title="Aftershock felt in the north", published_at=timezone.now() - timedelta(minutes=1))
    breaking_flag(stories=Article.objects.filter(pk=second.pk))
    expect(banner.get_by_role("link", name="Aftershock felt in the north")).to_be_visible(timeout=10_000)


def test_without_scripts_the_page_shows_the_banner_rendered_with_it(browser, live_server):
    flash = ArticleFactory(title="Earthquake hits the capital")
    breaking_flag(stories=Article.objects.filter(pk=flash.pk))
    context = browser.new_context(java_script_enabled=False, user_agent=READER_BROWSER)
    page = context.new_page()
    page.goto(live_server.url + "/en/")
    expect(page.locator("#breaking").get_by_role("link", name="Earthquake hits the capital")).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banners_pass_axe_wcag21_aa(browser, live_server, scheme):
    from articles.breaking.developing import developing_chain_refresh
    from tests.gates.checkers import axe_violations, format_violations, with_axe

    earlier = ArticleFactory(title="Fire breaks out at the port", published_at=timezone.now() - timedelta(hours=3))
    follow_up = ArticleFactory(title="Port fire put out", follows=earlier)
    developing_chain_refresh(story_pks=[follow_up.pk])
    breaking_flag(stories=Article.objects.filter(pk=follow_up.pk))
    context = browser.new_context(user_agent=READER_BROWSER, color_scheme=scheme)
    with_axe(context)
    page = context.new_page()
    for story in (earlier, follow_up):
        page.goto(live_server.url + story.get_absolute_url())
        expect(page.get_by_role("button", name="Dismiss breaking news")).to_be_visible()
        violations = axe_violations(page)
        assert violations == [], format_violations(violations, story.get_absolute_url())
    context.close()
