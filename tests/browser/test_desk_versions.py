"""Versions and concurrent editing on the story form, in a real Chromium under the strict CSP."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management.sql import emit_post_migrate_signal
from playwright.sync_api import expect

from articles.desk import presence
from articles.models import Article
from tests.browser.conftest import STAFF_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECOND_PASSWORD = "pw-desk-second-1"
# A save records a version and reaches the page cache; on a busy machine that can take a few seconds.
SAVED = 15_000


@pytest.fixture
def fast_heartbeat(monkeypatch):
    """Beats every second instead of every ten, so the test does not wait."""
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 1)


@pytest.fixture
def second_editor(django_user_model):
    if not Group.objects.filter(name="Editors").exists():
        # A transactional test with serialized_rollback ran before and left the tables flushed without
        # post_migrate: bring back content types, permissions and the editorial groups.
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    user = django_user_model.objects.create_user(
        "boris", password=SECOND_PASSWORD, is_staff=True, first_name="Boris", last_name="Ivanov"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def collect_problems(page):
    problems = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in m.location.get("url", "")
            and "style-src" not in m.text
            and problems.append(m.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def change_url(live_server, story):
    return f"{live_server.url}/admin/articles/article/{story.pk}/change/"


def body_editor(page):
    return page.locator(".ProseMirror[contenteditable=true]")


def test_two_editors_see_each_other_and_the_later_save_is_refused_with_the_differences(
    live_server, browser, admin_login, staff_user, second_editor, story, fast_heartbeat
):
    first_context, second_context = browser.new_context(), browser.new_context()
    first, second = first_context.new_page(), second_context.new_page()
    problems = collect_problems(first) + collect_problems(second)
    admin_login(first)
    admin_login(second, user=second_editor, password=SECOND_PASSWORD)

    first.goto(change_url(live_server, story))
    second.goto(change_url(live_server, story))
    expect(second.locator(".desk-presence")).to_have_text("desk is editing this story too.")
    expect(first.locator(".desk-presence")).to_contain_text("Boris Ivanov is editing this story too.")

    second.fill("#id_title", "Parliament passes the budget bill at night")
    second.get_by_role("button", name="Save", exact=True).click()
    second.wait_for_url(f"{live_server.url}/admin/articles/article/")
    expect(first.locator(".desk-presence")).to_contain_text("Someone saved this story after you opened it")

    first.fill("#id_title", "Parliament finally passes the budget bill")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator(".errorlist.nonfield")).to_contain_text("This story was saved by Boris Ivanov", timeout=SAVED)
    conflict = first.locator(".desk-conflict")
    expect(conflict.locator("del")).to_contain_text(["at night"])
    expect(conflict.locator("ins").first).to_contain_text("finally")
    expect(first.locator("#id_title")).to_have_value("Parliament finally passes the budget bill")
    story.refresh_from_db()
    assert story.title == "Parliament passes the budget bill at night"

    first.fill("#id_title", "Parliament finally passes the budget bill at night")
    first.get_by_role("button", name="Save", exact=True).click()
    first.wait_for_url(f"{live_server.url}/admin/articles/article/")
    story.refresh_from_db()
    assert story.title == "Parliament finally passes the budget bill at night"
    assert problems == []


def test_unsaved_changes_come_back_after_a_reload(live_server, page, admin_login, story):
    problems = collect_problems(page)
    admin_login(page)
    page.goto(change_url(live_server, story))
    expect(body_editor(page)).to_be_visible()
    page.fill("#id_title", "A headline typed but never saved")
    body_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed in the body editor.")
    page.wait_for_timeout(2500)  # the body is looked at every two seconds

    page.reload()
    bar = page.locator(".desk-autosave")
    expect(bar).to_contain_text("Restore unsaved changes from")
    expect(page.locator("#id_title")).to_have_value("Parliament passes the budget bill")
    bar.get_by_role("button", name="Restore").click()
    expect(page.locator("#id_title")).to_have_value("A headline typed but never saved")
    expect(body_editor(page)).to_contain_text("Typed in the body editor.")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully", timeout=SAVED)
    story.refresh_from_db()
    assert story.title == "A headline typed but never saved"
    assert "Typed in the body editor." in story.body
    page.reload()
    expect(page.locator(".desk-autosave")).to_be_hidden()

    # Discarding forgets the kept changes for good.
    page.fill("#id_title", "Another unsaved headline")
    page.wait_for_timeout(300)
    page.reload()
    page.locator(".desk-autosave").get_by_role("button", name="Discard").click()
    page.reload()
    expect(page.locator("#id_title")).to_have_value("A headline typed but never saved")
    expect(page.locator(".desk-autosave")).to_be_hidden()
    assert problems == []


def test_a_new_story_keeps_its_changes_too(live_server, page, admin_login):
    admin_login(page)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_lead", "A lead for a story not yet saved.")
    page.wait_for_timeout(300)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator(".desk-autosave").get_by_role("button", name="Restore").click()
    expect(page.locator("#id_lead")).to_have_value("A lead for a story not yet saved.")


def test_versions_are_compared_and_an_old_one_restored(live_server, page, admin_login, story):
    problems = collect_problems(page)
    admin_login(page)
    page.goto(change_url(live_server, story))
    page.fill("#id_title", "Parliament rejects the budget")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully", timeout=SAVED)

    page.get_by_role("link", name="Versions").click()
    rows = page.locator(".desk-versions-list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Changed Headline.")
    rows.first.get_by_role("link").click()
    diff = page.locator(".desk-diff")
    expect(diff.locator("del")).to_contain_text(["passes"])
    expect(diff.locator("ins")).to_contain_text(["rejects"])

    page.go_back()
    rows.last.get_by_role("link").click()
    page.get_by_role("link", name="Compare with the story as it is now").click()
    expect(page.locator(".desk-diff ins")).to_contain_text(["rejects"])
    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator(".messagelist")).to_contain_text("is restored", timeout=SAVED)
    expect(page.locator("#id_title")).to_have_value("Parliament passes the budget bill")
    story.refresh_from_db()
    assert story.title == "Parliament passes the budget bill"
    page.get_by_role("link", name="Versions").click()
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Restored the version of")
    assert problems == []


def test_a_save_after_the_session_ended_goes_through_after_signing_in(live_server, page, admin_login, story):
    problems = collect_problems(page)
    admin_login(page)
    page.goto(change_url(live_server, story))
    expect(body_editor(page)).to_be_visible()
    page.fill("#id_title", "Written while the session ran out")
    body_editor(page).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" A last paragraph typed late.")
    Session.objects.all().delete()  # the session expires while the editor writes

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/login/**")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully", timeout=SAVED)
    story.refresh_from_db()
    assert story.title == "Written while the session ran out"
    assert "A last paragraph typed late." in story.body
    assert Article.objects.count() == 1
    # The heartbeat's 401 is how the form learns the session has ended; nothing else went wrong.
    assert [text for text in problems if "401 (Unauthorized)" not in text] == []
