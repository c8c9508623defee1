"""The desk's workflow in a real Chromium: an editor schedules a story, previews it, publishes it now, adds a
correction, then withdraws it, and a reader (another browser context, no session) sees each step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.desk.models import AuditEntry
from articles.models import Article
from tests.browser.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_schedule_then_publish_now_then_withdraw(live_server, page, browser, admin_login, desk_editor):
    story = ArticleFactory(
        title="Airship seen over the harbour", status=Article.Status.APPROVED, published_at=None, slugline="AIRSHIP"
    )
    reader = browser.new_context().new_page()
    story_url = f"{live_server.url}{story.get_absolute_url()}"
    change_url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    admin_login(page, user=desk_editor, password=EDITOR_PASSWORD)

    # Schedule: published, an hour from now.
    page.goto(change_url)
    page.select_option("#id_status", "published")
    later = timezone.localtime(timezone.now() + timedelta(hours=1))
    page.fill("#id_published_at_0", later.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", later.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    row = page.locator("#result_list tr", has_text="Airship seen over the harbour")
    assert "Scheduled" in row.inner_text()
    assert reader.goto(story_url).status == 404

    # Preview: the editor sees the story at its address, marked as not yet public.
    preview = browser.new_context(storage_state=page.context.storage_state()).new_page()
    assert preview.goto(story_url).status == 200
    assert "Scheduled: readers will see this story from" in preview.locator(".preview-banner").inner_text()
    preview.context.close()

    # Publish now, from the list's actions.
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "publish_now")
    page.locator("button[name=index]").click()
    assert "1 story published." in page.locator(".messagelist").inner_text()
    assert reader.goto(story_url).status == 200
    assert "Airship seen over the harbour" in reader.content()

    # Correct it: a correction on the form reaches readers with the story's update time.
    page.goto(change_url)
    page.locator("#corrections-group .add-row a").click()
    page.select_option("#id_corrections-0-kind", "correction")
    page.fill("#id_corrections-0-text", "An earlier version misnamed the harbour.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    corrected = browser.new_context().new_page()
    corrected.goto(story_url)
    assert "An earlier version misnamed the harbour." in corrected.locator(".corrections").inner_text()
    corrected.context.close()

    # Withdraw on the story's form, with the note readers get instead.
    page.goto(change_url)
    page.select_option("#id_status", "withdrawn")
    page.fill("#id_withdrawal_note", "The airship was a weather balloon.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    assert "Withdrawn" in page.locator("#result_list tr", has_text="Airship seen over the harbour").inner_text()

    # A new reader: the first one's browser may keep the page it was given for its max-age (5 minutes).
    reader = browser.new_context().new_page()
    gone = reader.goto(story_url)
    assert gone.status == 410
    assert "The airship was a weather balloon." in reader.content()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["schedule", "publish", "withdraw"]
