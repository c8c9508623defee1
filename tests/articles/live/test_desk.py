"""The editors' live desk: entries added, edited, pinned and deleted in place, staff only, with CSRF."""

import pytest
from django.urls import reverse

from articles.live.models import LiveEntry
from newsportal.pagecache import store, story_scope
from tests.factories import LiveBlogFactory, LiveEntryFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def blog():
    return LiveBlogFactory()


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def entry_data(**extra):
    return {"title": "", "body": "<p>Results are in.</p>", "photo": "", "author": "", **extra}


def test_the_desk_shows_the_form_on_top_and_the_entries_below(desk, blog):
    LiveEntryFactory(blog=blog, body="<p>Doors open at eight.</p>")
    response = desk.get(reverse("admin:articles_liveblog_change", args=[blog.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("data-desk-form") < html.index("Doors open at eight.")
    assert "js/live_desk.js" in html


def test_an_entry_added_in_place_answers_json_and_reaches_the_story_page_at_once(desk, blog):
    before = store.read_versions([story_scope(blog.pk)])[0][story_scope(blog.pk)]
    response = desk.post(
        reverse("admin:articles_liveblog_entry_add", args=[blog.pk]),
        entry_data(body="<p>First results <script>alert(1)</script>are in.</p>", is_key_event="on"),
        **JSON,
    )
    assert response.status_code == 200
    entry = LiveEntry.objects.get(pk=response.json()["id"])
    assert entry.is_key_event and "script" not in entry.body  # the body's sanitiser
    assert "First results" in response.json()["html"]
    assert store.read_versions([story_scope(blog.pk)])[0][story_scope(blog.pk)] != before


def test_a_rejected_entry_gets_its_message_and_a_400(desk, blog):
    response = desk.post(reverse("admin:articles_liveblog_entry_add", args=[blog.pk]), entry_data(body=""), **JSON)
    assert response.status_code == 400
    assert "Write the entry" in response.json()["errors"]["body"][0]["message"]
    # Without scripts: the desk comes back with the text the editor typed.
    response = desk.post(
        reverse("admin:articles_liveblog_entry_add", args=[blog.pk]), entry_data(body="", title="Kept headline")
    )
    assert response.status_code == 400
    assert "Kept headline" in response.content.decode()


def test_edit_pin_and_delete(desk, blog):
    entry = LiveEntryFactory(blog=blog)
    edited = desk.post(
        reverse("admin:articles_liveblog_entry_edit", args=[blog.pk, entry.pk]),
        entry_data(body="<p>Corrected figure.</p>"),
        **JSON,
    )
    assert edited.status_code == 200
    entry.refresh_from_db()
    assert entry.body == "<p>Corrected figure.</p>"
    pinned = desk.post(reverse("admin:articles_liveblog_entry_pin", args=[blog.pk, entry.pk]), {"pinned": "1"}, **JSON)
    assert pinned.status_code == 200 and "Unpin" in pinned.json()["html"]
    entry.refresh_from_db()
    assert entry.is_pinned
    deleted = desk.post(reverse("admin:articles_liveblog_entry_delete", args=[blog.pk, entry.pk]), **JSON)
    assert deleted.json() == {"id": entry.pk, "deleted": True}
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()


def test_without_scripts_each_button_comes_back_to_the_desk(desk, blog):
    entry = LiveEntryFactory(blog=blog)
    response = desk.post(reverse("admin:articles_liveblog_entry_pin", args=[blog.pk, entry.pk]), {"pinned": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_liveblog_change", args=[blog.pk])
    editing = desk.get(reverse("admin:articles_liveblog_change", args=[blog.pk]) + f"?edit={entry.pk}")
    assert reverse("admin:articles_liveblog_entry_edit", args=[blog.pk, entry.pk]) in editing.content.decode()


def test_closing_archives_the_blog(desk, blog):
    desk.post(reverse("admin:articles_liveblog_status", args=[blog.pk]), {"status": "archived"})
    blog.refresh_from_db()
    assert blog.status == "archived" and blog.closed_at is not None


def test_readers_and_forged_posts_are_refused(client, blog, django_user_model, editor):
    url = reverse("admin:articles_liveblog_entry_add", args=[blog.pk])
    assert client.post(url, entry_data()).status_code == 302  # to the admin's login
    client.force_login(django_user_model.objects.create_user("reader", password="pw-reader-123"))
    assert client.post(url, entry_data()).status_code == 302
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(url, entry_data(), **JSON).status_code == 403
    assert not LiveEntry.objects.exists()


def test_get_is_not_a_write(desk, blog):
    assert desk.get(reverse("admin:articles_liveblog_entry_add", args=[blog.pk])).status_code == 405


def test_every_change_on_the_desk_is_in_the_admin_history(desk, blog, editor):
    from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

    added = desk.post(reverse("admin:articles_liveblog_entry_add", args=[blog.pk]), entry_data(), **JSON).json()["id"]
    desk.post(reverse("admin:articles_liveblog_entry_edit", args=[blog.pk, added]), entry_data(title="New"), **JSON)
    desk.post(reverse("admin:articles_liveblog_entry_pin", args=[blog.pk, added]), {"pinned": "1"}, **JSON)
    desk.post(reverse("admin:articles_liveblog_entry_delete", args=[blog.pk, added]), **JSON)
    desk.post(reverse("admin:articles_liveblog_status", args=[blog.pk]), {"status": "archived"})
    flags = list(LogEntry.objects.filter(user=editor).order_by("pk").values_list("action_flag", flat=True))
    assert flags == [ADDITION, CHANGE, CHANGE, DELETION, CHANGE]


def test_every_change_on_the_live_desk_is_in_the_audit_log_and_a_version(desk, blog, editor):
    from reversion.models import Version

    from articles.desk.models import AuditEntry

    added = desk.post(reverse("admin:articles_liveblog_entry_add", args=[blog.pk]), entry_data(), **JSON).json()
    entry = LiveEntry.objects.get(pk=added["id"])
    desk.post(
        reverse("admin:articles_liveblog_entry_edit", args=[blog.pk, entry.pk]),
        entry_data(body="<p>Results are in, and counted.</p>"),
        **JSON,
    )
    desk.post(reverse("admin:articles_liveblog_entry_pin", args=[blog.pk, entry.pk]), {"pinned": "1"}, **JSON)
    desk.post(reverse("admin:articles_liveblog_entry_delete", args=[blog.pk, entry.pk]), **JSON)

    log = AuditEntry.objects.filter(object_id=str(entry.pk)).order_by("pk")
    assert [row.action for row in log] == ["live_entry_add", "live_entry_edit", "live_entry_pin", "live_entry_del"]
    assert {row.actor for row in log} == {editor}
    # The deleted entry's text is still there to bring back, with who wrote each version.
    versions = Version.objects.get_for_object_reference(LiveEntry, entry.pk).order_by("pk")
    assert [version.field_dict["body"] for version in versions][:2] == [
        "<p>Results are in.</p>",
        "<p>Results are in, and counted.</p>",
    ]
    assert {version.revision.user for version in versions} == {editor}
