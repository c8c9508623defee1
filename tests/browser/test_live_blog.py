"""A live blog in a real browser: new entries offered by a button, polling that slows and stops,
permalinks to entries on later pages, and the editors' desk that never reloads."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.live.models import LiveEntry
from articles.live.services import live_blog_close, live_entry_add
from tests.browser.conftest import watch
from tests.factories import LiveBlogFactory, LiveEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": READER_BROWSER}


@pytest.fixture(autouse=True)
def _fast_polls(settings):
    settings.LIVE_POLL_SECONDS = 1
    settings.LIVE_ENTRIES_PER_PAGE = 5


@pytest.fixture
def blog(db):
    blog = LiveBlogFactory()
    start = timezone.now() - timedelta(minutes=30)
    for n in range(3):
        LiveEntryFactory(blog=blog, body=f"<p>Early entry {n}.</p>", published_at=start + timedelta(minutes=n))
    return blog


def live_root(page):
    return page.locator("[data-live]")


def test_new_entries_wait_behind_a_button_then_join_the_top_of_the_stream(page, live_server, blog):
    problems = watch(page)
    page.goto(live_server.url + blog.article.get_absolute_url())
    stream = page.locator("[data-live-stream] > article")
    expect(stream).to_have_count(3)
    live_entry_add(blog=blog, body="<p>Polls have closed.</p>")
    live_entry_add(blog=blog, body="<p>First results are in.</p>")

    button = page.get_by_role("button", name="2 new entries")
    expect(button).to_be_visible(timeout=15_000)
    # Nothing moved under the reader's eyes: the new entries wait for the click.
    expect(stream).to_have_count(3)
    expect(page.locator("[data-live-notice]")).to_have_attribute("aria-live", "polite")
    button.click()
    expect(stream).to_have_count(5)
    expect(stream.first).to_contain_text("First results are in.")
    expect(stream.nth(1)).to_contain_text("Polls have closed.")
    expect(stream.first).to_be_focused()
    expect(button).to_be_hidden()
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []


def test_polling_stops_once_the_blog_is_archived(page, live_server, blog):
    page.goto(live_server.url + blog.article.get_absolute_url())
    root = live_root(page)
    expect(root).to_have_attribute("data-live-polls", "1", timeout=10_000)
    live_blog_close(blog=blog)
    expect(root).to_have_attribute("data-live-status", "archived", timeout=15_000)
    expect(root).to_have_attribute("data-live-next", "")
    polls = root.get_attribute("data-live-polls")
    page.wait_for_timeout(4_000)  # several of the live blog's intervals
    assert root.get_attribute("data-live-polls") == polls


def test_an_archived_blog_is_never_polled(page, live_server, blog):
    live_blog_close(blog=blog)
    requests = []
    page.on("request", lambda request: requests.append(request.url) if "/entries/" in request.url else None)
    page.goto(live_server.url + blog.article.get_absolute_url())
    expect(live_root(page)).to_have_attribute("data-live-status", "archived")
    page.wait_for_timeout(3_000)
    assert requests == []


def test_a_hidden_tab_polls_less_often_and_catches_up_when_shown(page, live_server, blog):
    page.goto(live_server.url + blog.article.get_absolute_url())
    root = live_root(page)
    expect(root).to_have_attribute("data-live-polls", "1", timeout=10_000)
    visible_pause = int(root.get_attribute("data-live-next"))
    page.evaluate(
        """() => {
            Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    expect(root).to_have_attribute("data-live-next", str(visible_pause * 4))
    page.evaluate(
        """() => {
            Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    expect(root).to_have_attribute("data-live-next", str(visible_pause))


def test_a_shared_entry_link_opens_at_the_entry_on_a_later_page(page, live_server, blog):
    start = timezone.now() - timedelta(minutes=20)
    for n in range(9):
        LiveEntryFactory(blog=blog, body=f"<p>Later entry {n}.</p>", published_at=start + timedelta(minutes=n))
    oldest = LiveEntry.objects.filter(blog=blog).order_by("published_at").first()
    address = live_server.url + blog.article.get_absolute_url()
    page.goto(f"{address}#entry-{oldest.pk}")  # the anchor alone, as readers copy it
    page.wait_for_url(f"{address}?page=3#entry-{oldest.pk}")
    entry = page.locator(f"#entry-{oldest.pk}")
    expect(entry).to_contain_text("Early entry 0.")
    expect(entry).to_be_in_viewport()
    # The entry's time is its permalink: the same place.
    page.goto(address)
    newest = LiveEntry.objects.filter(blog=blog).order_by("-published_at").first()
    page.locator(f"#entry-{newest.pk} .live-entry__time").click()
    page.wait_for_url(f"{address}#entry-{newest.pk}")


def test_the_desk_adds_and_edits_entries_without_reloading(page, live_server, blog, admin_login):
    problems = watch(page)
    admin_login(page)
    page.goto(f"{live_server.url}/admin/articles/liveblog/{blog.pk}/change/")
    page.evaluate("() => { window.notReloaded = true; }")
    editor = page.locator(".tiptap.ProseMirror")
    editor.click()
    page.keyboard.type("Turnout is the highest in twenty years.")
    page.get_by_label("Key event").check()
    page.get_by_role("button", name="Publish entry").click()
    entries = page.locator("[data-desk-entries] > li")
    expect(entries.first).to_contain_text("Turnout is the highest in twenty years.")
    expect(entries).to_have_count(4)
    entry = LiveEntry.objects.get(body__contains="Turnout")
    assert entry.is_key_event

    entries.first.get_by_role("link", name="Edit").click()
    expect(editor).to_contain_text("Turnout is the highest")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Officially.")
    page.get_by_role("button", name="Save changes").click()
    expect(entries.first).to_contain_text("Officially.")
    expect(entries).to_have_count(4)

    entries.first.get_by_role("button", name="Pin").click()
    expect(entries.first.get_by_role("button", name="Unpin")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    entries.first.get_by_role("button", name="Delete").click()
    expect(entries).to_have_count(3)
    assert page.evaluate("() => window.notReloaded") is True
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()
