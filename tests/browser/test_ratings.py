""" "Rate it" as readers use it, in a real browser: by mouse, by keyboard, and without JavaScript."""

import pytest
from playwright.sync_api import expect

from articles.models import Vote
from tests.factories import VoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome" and is refused as a bot, as scrapers are: be a reader's browser.
READER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": READER_BROWSER}


def totals(story):
    story.refresh_from_db()
    return story.rating_count, story.rating_sum


def test_a_click_on_a_star_votes_in_place_and_the_vote_is_shown_on_return(page, live_server, story):
    VoteFactory(article=story, score=2)
    address = live_server.url + story.get_absolute_url()
    page.goto(address)
    widget = page.get_by_role("group", name="Rate it")
    expect(widget).to_contain_text("2.0")
    expect(widget).to_contain_text("1 vote")

    widget.locator("label", has_text="4 stars out of 5").click()

    expect(page.get_by_role("status")).to_have_text("Thank you, your vote has been counted. You rated it 4 stars.")
    expect(widget).to_contain_text("3.0")
    expect(widget).to_contain_text("2 votes")
    assert page.url == address  # no reload
    assert totals(story) == (2, 6)

    page.reload()
    expect(page.get_by_role("radio", name="4 stars out of 5")).to_be_checked()
    expect(page.get_by_role("status")).to_have_text("You rated it 4 stars.")

    # Changing one's mind changes the vote; it is never counted twice.
    widget.locator("label", has_text="1 star out of 5").click()
    expect(page.get_by_role("status")).to_contain_text("You rated it 1 star.")
    assert totals(story) == (2, 3)


def test_keyboard_readers_choose_with_arrows_and_send_with_enter(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    first = page.get_by_role("radio", name="1 star out of 5")
    first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="3 stars out of 5")).to_be_checked()
    expect(page.get_by_role("radio", name="3 stars out of 5")).to_be_focused()
    # Moving through the stars sends nothing by itself.
    expect(page.get_by_role("status")).to_have_text("")
    assert not Vote.objects.exists()

    # With scripts there is no button to reach: Enter on the chosen star sends it.
    expect(page.get_by_role("button", name="Send my rating")).to_be_hidden()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Thank you, your vote has been counted. You rated it 3 stars.")
    assert totals(story) == (1, 3)


def test_without_javascript_the_form_posts_and_comes_back(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False, user_agent=READER_BROWSER)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    page.locator("#rating label", has_text="5 stars out of 5").click()
    expect(page.get_by_role("radio", name="5 stars out of 5")).to_be_checked()
    page.get_by_role("button", name="Send my rating").click()

    # The cached page carried no CSRF token: the reader confirms once, nothing is lost.
    page.get_by_role("button", name="Send again").click()

    expect(page.locator("#rating")).to_contain_text("Thank you, your vote has been counted.")
    expect(page.locator("#rating")).to_contain_text("1 vote")
    assert page.url.endswith(f"{story.get_absolute_url()}?rated=1#rating")
    assert totals(story) == (1, 5)
    context.close()
