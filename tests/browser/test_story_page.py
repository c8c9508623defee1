"""The story page as readers see it in a real browser: the first phone screen, the row of tags and
share links, the compact rating control with and without scripts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome" and is refused as a bot, as scrapers are: be a reader's browser.
READER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "user_agent": READER_BROWSER}

HEADLINES = {
    "en": ("Central bank keeps its key rate at 16% for the third month running", "Economy", "economy"),
    "ru": ("Центробанк сохранил ключевую ставку на уровне 16% третий месяц подряд", "Экономика", "ekonomika"),
}
LEADS = {
    "en": "The bank said inflation was slowing but remained above its target, and kept the door open to a cut.",
    "ru": "Банк сообщил, что инфляция замедляется, но остаётся выше цели, и не исключил снижения ставки.",
}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": READER_BROWSER}


def make_story(edition, *, image=True, tags=("rates", "central bank", "inflation")):
    title, section_name, slug = HEADLINES[edition]
    published = timezone.now() - timedelta(hours=3)
    return ArticleFactory(
        edition=edition,
        section=SectionFactory(edition=edition, slug=slug, name=section_name),
        title=title,
        lead=LEADS[edition],
        body="<p>" + " ".join(["The decision was widely expected by analysts."] * 12) + "</p>",
        image=PhotoFactory() if image else None,
        published_at=published,
        updated_at=published + timedelta(minutes=40),
        tags=list(tags),
    )


def box(locator):
    found = locator.bounding_box()
    assert found, locator
    return found


def line_height(locator):
    return locator.evaluate("(node) => parseFloat(getComputedStyle(node).lineHeight)")


@pytest.mark.parametrize("edition", ["en", "ru"])
def test_the_first_phone_screen_shows_section_headline_times_and_photo(browser, live_server, edition):
    story = make_story(edition)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    section = page.locator(".story__section")
    title = page.locator(".story__title")
    times = page.locator(".story__times")
    expect(section).to_have_text(HEADLINES[edition][1])
    assert box(section)["y"] + box(section)["height"] <= box(title)["y"]

    # A typical headline fits in three lines.
    lines = box(title)["height"] / line_height(title)
    assert lines <= 3.05, lines

    # Published and updated on one line, with no blank row between them.
    published, updated = page.locator(".story__published"), page.locator(".story__updated")
    expect(updated).to_be_visible()
    assert abs(box(published)["y"] - box(updated)["y"]) < 2
    assert box(times)["height"] <= line_height(times) * 1.2

    # The photo starts on the first screen, below the times.
    photo = page.locator(".story__figure img")
    assert box(times)["y"] < box(photo)["y"] < 844 - 40
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # A phone is not told to press Ctrl+Enter.
    hint = page.locator("[data-typo-hint]")
    expect(hint).to_be_visible()
    expect(hint.locator("[data-typo-hint-touch]")).to_be_visible()
    expect(hint.get_by_text("Ctrl+Enter")).to_be_hidden()
    context.close()


def test_without_a_photo_the_text_starts_on_the_first_phone_screen(browser, live_server):
    story = make_story("en", image=False)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    assert box(page.locator(".story__body p").first)["y"] < 844 - 40
    context.close()


def rows(locator):
    """The number of items on each visual row of a list of boxes."""
    tops = {}
    for index in range(locator.count()):
        top = round(box(locator.nth(index))["y"])
        tops[top] = tops.get(top, 0) + 1
    return [tops[top] for top in sorted(tops)]


@pytest.mark.parametrize("width", [320, 390, 768, 1366])
@pytest.mark.parametrize("edition", ["en", "ru"])
def test_share_links_never_leave_one_alone_and_sit_by_the_tags(browser, live_server, width, edition):
    story = make_story(edition)
    context = browser.new_context(viewport={"width": width, "height": 900}, user_agent=READER_BROWSER)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    links = page.locator(".share__link")
    expect(links).to_have_count(5)
    counts = rows(links)
    assert min(counts) >= 2, counts
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width >= 768:
        # Tags and share on one row.
        assert counts == [5]
        tags, share = box(page.locator(".tags")), box(page.locator(".share__list"))
        middle = share["y"] + share["height"] / 2
        assert tags["y"] <= middle <= tags["y"] + tags["height"]
        assert share["x"] > tags["x"] + tags["width"] - 1
    context.close()


def test_with_scripts_a_star_votes_without_a_button_and_the_message_stays_clear(page, live_server):
    story = make_story("en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + story.get_absolute_url())
    widget = page.locator("#rating")
    expect(widget.get_by_role("button", name="Send my rating")).to_be_hidden()

    widget.locator("label", has_text="4 stars out of 5").click()

    status = widget.get_by_role("status")
    expect(status).to_have_text("Thank you, your vote has been counted. You rated it 4 stars.")
    stars = box(widget.locator(".rating__stars"))
    summary = box(widget.locator("[data-rating-summary]"))
    message = box(status.locator(".notice"))
    assert message["y"] >= max(stars["y"] + stars["height"], summary["y"] + summary["height"]) - 1
    story.refresh_from_db()
    assert (story.rating_count, story.rating_sum) == (1, 4)


def test_without_scripts_the_rating_has_its_button(browser, live_server):
    story = make_story("en")
    context = browser.new_context(java_script_enabled=False, user_agent=READER_BROWSER)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())

    widget = page.locator("#rating")
    expect(widget.get_by_role("button", name="Send my rating")).to_be_visible()
    # Compact: the legend, the stars and the summary on one row on a desktop.
    legend, stars = box(widget.locator("legend")), box(widget.locator(".rating__stars"))
    assert abs((legend["y"] + legend["height"] / 2) - (stars["y"] + stars["height"] / 2)) < 8
    context.close()
