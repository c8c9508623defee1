"""Typo reports as a reader and an editor meet them, in a real browser."""

import pytest
from playwright.sync_api import expect

from comments.typos.models import TypoReport
from tests.factories import TypoReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Selects `phrase` inside the first text node of the story body that holds it, as a mouse drag would.
SELECT_IN_BODY = """
(phrase) => {
  const walker = document.createTreeWalker(document.querySelector(".story__body"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(phrase);
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }
  return false;
}
"""

# Selects everything from the headline to the end of the body.
SELECT_ALL_STORY = """
() => {
  const range = document.createRange();
  range.setStartBefore(document.querySelector(".story__title"));
  range.setEndAfter(document.querySelector(".story__body"));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
"""


def test_reader_reports_a_selection_and_the_editor_finds_it(page, live_server, story, admin_login):
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.get_by_text("Found a typo? Select it and press Ctrl+Enter.")).to_be_visible()
    assert page.evaluate(SELECT_IN_BODY, "comfortible")
    page.keyboard.press("Control+Enter")

    dialog = page.get_by_role("dialog", name="Report a typo")
    expect(dialog).to_be_visible()
    expect(dialog.locator("mark")).to_have_text("comfortible")
    expect(dialog.locator("blockquote")).to_contain_text("passed with a comfortible majority after")
    comment = dialog.get_by_label("Comment (optional)")
    expect(comment).to_be_focused()
    comment.fill("Should be “comfortable”.")
    dialog.get_by_role("button", name="Send").click()
    expect(dialog.get_by_text("Thank you! The editors will look at it.")).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()

    report = TypoReport.objects.get()
    assert (report.article, report.selection, report.comment) == (story, "comfortible", "Should be “comfortable”.")
    assert report.context_before.endswith("passed with a ")
    assert report.context_after.startswith(" majority after")
    assert report.url == live_server.url + story.get_absolute_url()
    assert not report.text_missing

    admin_login(page)
    waiting = page.locator("#waiting-module tr", has_text="Typo reports")
    expect(waiting.locator("td")).to_have_text("1")
    waiting.get_by_role("link", name="Typo reports").click()
    row = page.locator("#result_list tbody tr").first
    expect(row.locator("mark")).to_have_text("comfortible")
    expect(row).to_contain_text(story.title)
    expect(row.get_by_role("link", name="see on the site")).to_have_attribute(
        "href", story.get_absolute_url() + "#:~:text=passed%20with%20a-,comfortible,-majority%20after%20eleven"
    )


def test_too_long_selection_is_not_sent(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate(SELECT_ALL_STORY)
    page.keyboard.press("Control+Enter")

    dialog = page.get_by_role("dialog", name="Report a typo")
    expect(dialog.get_by_text("The selected text is too long.")).to_be_visible()
    expect(dialog.get_by_text("Select no more than 250 characters")).to_be_visible()
    expect(dialog.get_by_role("button", name="Send")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert not TypoReport.objects.exists()


def test_report_by_keyboard_only(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    open_button = page.get_by_role("button", name="Report a typo")
    # Tab from the top of the page until the hint's button has focus, as a keyboard reader would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if open_button.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the “Report a typo” button")
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Report a typo")
    expect(dialog).to_be_visible()
    wrong_text = dialog.get_by_label("Wrong text")
    expect(wrong_text).to_be_focused()
    page.keyboard.type("comfortible")
    page.keyboard.press("Tab")
    expect(dialog.get_by_label("Comment (optional)")).to_be_focused()
    page.keyboard.type("comfortable")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Send")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.get_by_text("Thank you! The editors will look at it.")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(open_button).to_be_focused()

    report = TypoReport.objects.get()
    assert report.selection == "comfortible"
    # The reader typed the words: their context comes from the story itself.
    assert report.context_before.endswith("passed with a ")
    assert not report.text_missing


def test_failed_send_keeps_the_comment(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    page.route("**/reader/typo/", lambda route: route.abort())
    page.evaluate(SELECT_IN_BODY, "comfortible")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report a typo")
    dialog.get_by_label("Comment (optional)").fill("comfortable")
    dialog.get_by_role("button", name="Send").click()
    expect(dialog.get_by_role("alert")).to_contain_text("check your connection")
    expect(dialog.get_by_label("Comment (optional)")).to_have_value("comfortable")
    assert not TypoReport.objects.exists()


def test_touch_screen_gets_a_button_next_to_the_selection(browser, live_server, story):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    floating = page.locator("[data-typo-float]")
    expect(floating).to_be_hidden()

    page.evaluate(SELECT_IN_BODY, "comfortible")
    expect(floating).to_be_visible()
    floating.tap()

    dialog = page.get_by_role("dialog", name="Report a typo")
    expect(dialog.locator("mark")).to_have_text("comfortible")
    dialog.get_by_role("button", name="Send").tap()
    expect(dialog.get_by_text("Thank you! The editors will look at it.")).to_be_visible()
    assert TypoReport.objects.get().selection == "comfortible"
    context.close()


def test_queue_link_opens_the_story_at_the_reported_text(browser, live_server, story, admin_login):
    TypoReportFactory(article=story, selection="upper house, which", context_before="It now goes to the ")
    # A short window, so that reaching the body's second paragraph takes scrolling.
    context = browser.new_context(viewport={"width": 800, "height": 300})
    page = admin_login(context.new_page())
    page.goto(f"{live_server.url}/admin/comments/typoreport/")
    with page.expect_popup() as opened:
        page.get_by_role("link", name="see on the site").click()
    story_page = opened.value
    story_page.wait_for_load_state()
    expect(story_page.locator(".story__body")).to_be_in_viewport()
    assert story_page.evaluate("window.scrollY") > 0
    context.close()


def test_refused_send_says_why_and_keeps_the_comment(page, live_server, story, settings):
    settings.TYPO_RATE_LIMIT = "0/m"  # every report from this address is one too many
    page.goto(live_server.url + story.get_absolute_url())
    page.evaluate(SELECT_IN_BODY, "comfortible")
    page.keyboard.press("Control+Enter")
    dialog = page.get_by_role("dialog", name="Report a typo")
    dialog.get_by_label("Comment (optional)").fill("comfortable")
    dialog.get_by_role("button", name="Send").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Too many requests from your address.")
    expect(dialog.get_by_label("Comment (optional)")).to_have_value("comfortable")
    assert not TypoReport.objects.exists()
