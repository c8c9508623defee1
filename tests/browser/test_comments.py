"""Comments as a reader meets them with scripts on, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommentReport
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_forms(settings):
    # A person takes more than three seconds to write; the test does not, and must not sleep.
    settings.COMMENTS_MIN_SECONDS = 0


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_reader_posts_a_comment_and_sees_it_awaiting_moderation(
    page, browser, live_server, story, quick_forms, console_errors
):
    url = live_server.url + story.get_absolute_url()
    page.goto(url)
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Anna Reader")
    text = form.get_by_label("Comment")
    text.fill("A careful budget, for once.")
    expect(form.get_by_text("1973 of 2000 characters left")).to_be_visible()
    form.get_by_role("button", name="Post comment").click()

    # The thank-you sits by the pending comment, not under the form.
    expect(page.locator(".comment--pending").get_by_role("status")).to_contain_text(
        "Your comment is awaiting moderation"
    )
    expect(form.get_by_text("Your comment is awaiting moderation")).to_have_count(0)
    expect(page.locator(".comment--pending")).to_contain_text("A careful budget, for once.")
    expect(page.locator(".comment--pending")).to_contain_text("Awaiting moderation: only you can see it")
    expect(text).to_have_value("")
    assert page.url == url  # no page load: the script posted it
    assert Comment.objects.get().status == "pending"

    page.reload()
    expect(page.locator(".comment--pending")).to_contain_text("A careful budget, for once.")
    stranger = browser.new_context().new_page()
    stranger.goto(url)
    expect(stranger.locator("#comments")).to_be_visible()
    expect(stranger.locator(".comment--pending")).to_have_count(0)
    assert console_errors == []


def test_a_refused_comment_keeps_its_text_and_says_why(page, live_server, story, quick_forms):
    page.goto(live_server.url + story.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Anna")
    links = "a http://1.example b http://2.example c http://3.example d http://4.example"
    form.get_by_label("Comment").fill(links)
    form.get_by_role("button", name="Post comment").click()
    expect(form.get_by_text("Your comment was not posted")).to_be_visible()
    expect(form.get_by_text(re.compile("at most 3 links"))).to_be_visible()
    expect(form.get_by_label("Comment")).to_have_value(links)
    assert not Comment.objects.exists()


def test_reply_and_report(page, live_server, story, quick_forms):
    top = CommentFactory(article=story, author_name="Irina", text="The deficit is the story here.")
    page.goto(live_server.url + story.get_absolute_url())
    comment = page.locator(f"#comment-{top.pk}")
    comment.get_by_role("link", name="Reply").click()
    form = comment.locator("#comment-form")
    expect(form).to_be_visible()
    expect(form.get_by_text("Replying to Irina")).to_be_visible()
    expect(form.get_by_label("Comment")).to_be_focused()
    form.get_by_label("Your name").fill("Boris")
    form.get_by_label("Comment").fill("Agreed, and the debt too.")
    form.get_by_role("button", name="Post comment").click()
    expect(comment.locator(".comment__replies .comment--pending")).to_contain_text("Agreed, and the debt too.")
    assert Comment.objects.get(author_name="Boris").parent == top

    comment.locator(".comment__body").get_by_role("button", name="Report abuse").click()
    expect(comment.get_by_text("Thank you. Moderators will look at this comment.")).to_be_visible()
    assert CommentReport.objects.get().comment == top
