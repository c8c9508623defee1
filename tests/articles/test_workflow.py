"""The desk's workflow: who may move a story where, in the services and on the story form."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.desk.audit import Action
from articles.desk.models import AuditEntry
from articles.desk.versions import describe, story_versions
from articles.desk.workflow import story_kill, story_move
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

from .test_admin import ADD_URL, CHANGELIST_URL, add_story, form_fields, local_date_time, messages_of

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def reporter(django_user_model):
    user = django_user_model.objects.create_user("reporter", password="pw-reporter-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporters"))
    return user


@pytest.fixture
def reporter_client(client, reporter):
    assert client.login(username="reporter", password="pw-reporter-123")
    return client


def actions_on(story):
    return list(AuditEntry.objects.filter(object_id=str(story.pk)).order_by("id").values_list("action", flat=True))


def status_options(response):
    field = response.context["adminform"].form.fields["status"]
    return [value for value, _label in field.widget.choices]


# ---- Roles -------------------------------------------------------------------------------------------------


def test_reporters_write_but_never_approve_publish_or_withdraw(reporter):
    assert reporter.has_perm("articles.add_article")
    assert reporter.has_perm("articles.change_article")
    for permission in ("approve_article", "publish_article", "withdraw_article", "delete_article"):
        assert not reporter.has_perm(f"articles.{permission}")


def test_editors_hold_every_move(editor):
    for permission in ("approve_article", "publish_article", "withdraw_article", "view_auditentry"):
        assert editor.has_perm(f"articles.{permission}")
    assert not editor.has_perm("articles.change_auditentry")
    assert not editor.has_perm("articles.delete_auditentry")


# ---- Services ----------------------------------------------------------------------------------------------


def test_a_story_goes_from_draft_to_withdrawn_and_every_step_is_logged(reporter, editor):
    story = ArticleFactory(draft=True)

    story_move(article=story, to=Status.READY, user=reporter)
    story_move(article=story, to=Status.APPROVED, user=editor)
    story = story_move(article=story, to=Status.PUBLISHED, user=editor)
    assert story.is_live
    story = story_move(article=story, to=Status.WITHDRAWN, user=editor, note="The quoted figures were wrong.")

    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert story.withdrawal_note == "The quoted figures were wrong."
    assert story.status_changed_at is not None
    assert actions_on(story) == [Action.SUBMIT, Action.APPROVE, Action.PUBLISH, Action.WITHDRAW]
    entry = AuditEntry.objects.get(object_id=str(story.pk), action=Action.WITHDRAW)
    assert entry.actor == editor
    assert entry.actor_name == "editor"
    assert entry.detail == "The quoted figures were wrong."


def test_publishing_with_a_future_time_is_logged_as_scheduling(editor):
    story = ArticleFactory(status=Status.APPROVED, published_at=None)

    story_move(article=story, to=Status.PUBLISHED, user=editor, published_at=timezone.now() + timedelta(hours=3))

    assert actions_on(story) == [Action.SCHEDULE]
    assert story not in Article.objects.published()


@pytest.mark.parametrize("to", [Status.APPROVED, Status.PUBLISHED])
def test_a_reporter_cannot_approve_or_publish(reporter, to):
    story = ArticleFactory(status=Status.READY, published_at=None)

    with pytest.raises(ValidationError, match="ask an editor"):
        story_move(article=story, to=to, user=reporter)

    story.refresh_from_db()
    assert story.status == Status.READY
    assert actions_on(story) == []


def test_only_a_published_story_can_be_withdrawn(editor):
    story = ArticleFactory(draft=True)

    with pytest.raises(ValidationError, match="cannot go from"):
        story_move(article=story, to=Status.WITHDRAWN, user=editor, note="Wrong.")


def test_withdrawing_needs_a_note_for_readers(editor):
    story = ArticleFactory()

    with pytest.raises(ValidationError, match="why the story is withdrawn"):
        story_move(article=story, to=Status.WITHDRAWN, user=editor)
    assert Article.objects.get(pk=story.pk).is_live


def test_a_withdrawn_story_is_restored_as_a_draft(editor):
    story = ArticleFactory(status=Status.WITHDRAWN, withdrawal_note="Legal hold.")

    story = story_move(article=story, to=Status.DRAFT, user=editor)

    assert story.status == Status.DRAFT
    assert actions_on(story) == [Action.RESTORE]


# ---- The story form ----------------------------------------------------------------------------------------


def test_a_reporter_is_offered_only_draft_and_ready(reporter_client):
    assert status_options(reporter_client.get(ADD_URL)) == [Status.DRAFT, Status.READY]


def test_an_editor_is_offered_every_move_from_a_draft(editor_client):
    assert status_options(editor_client.get(ADD_URL)) == [Status.DRAFT, Status.READY, Status.APPROVED, Status.PUBLISHED]


def test_a_reporter_sends_a_story_for_editing(reporter_client, reporter):
    section = SectionFactory()

    response = add_story(reporter_client, section, status="ready")

    assert response.status_code == 302
    story = Article.objects.get()
    assert story.status == Status.READY
    assert actions_on(story) == [Action.SUBMIT]
    assert AuditEntry.objects.get().actor == reporter


def test_a_reporter_publishing_is_refused_on_the_form(reporter_client):
    section = SectionFactory()

    response = add_story(reporter_client, section, status="published", **local_date_time(timezone.now()))

    assert response.status_code == 200
    assert "You may not move a story to “Published”: ask an editor." in response.content.decode()
    assert not Article.objects.exists()


def test_an_approved_story_is_the_editors_alone(reporter_client):
    story = ArticleFactory(status=Status.APPROVED, published_at=None)
    change_url = reverse("admin:articles_article_change", args=[story.pk])

    page = reporter_client.get(change_url)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]  # shown read-only
    assert reporter_client.post(change_url, {"title": "Changed"}).status_code == 403


def test_the_editor_withdraws_a_live_story_on_its_form(editor_client):
    story = ArticleFactory()
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_fields(editor_client.get(change_url))

    data.update(status="withdrawn", withdrawal_note="")
    refused = editor_client.post(change_url, data)
    assert refused.status_code == 200
    assert "readers see this note in its place" in refused.content.decode()

    data.update(withdrawal_note="The story named the wrong minister.")
    assert editor_client.post(change_url, data).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert actions_on(story) == [Action.WITHDRAW]


def test_notes_are_kept_with_their_author_and_never_rewritten(editor_client, editor):
    story = ArticleFactory(draft=True)
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_fields(editor_client.get(change_url))
    data.update({"notes-TOTAL_FORMS": "1", "notes-0-text": "Check the figures with the ministry."})

    assert editor_client.post(change_url, data).status_code == 302

    note = story.notes.get()
    assert note.author == editor
    assert note.text == "Check the figures with the ministry."
    page = editor_client.get(change_url).content.decode()
    assert "Check the figures with the ministry." in page
    assert 'name="notes-0-text"' not in page  # kept, shown read-only


def test_refused_publish_now_names_the_story_and_why(editor_client):
    embargoed = ArticleFactory(
        status=Status.APPROVED, published_at=None, embargo_until=timezone.now() + timedelta(hours=2)
    )
    ready = ArticleFactory(status=Status.APPROVED, published_at=None)

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", "_selected_action": [embargoed.pk, ready.pk]},
        follow=True,
    )

    texts = messages_of(response)
    assert any(embargoed.title in text and "under embargo" in text for text in texts)
    assert "1 story published." in texts
    embargoed.refresh_from_db()
    assert embargoed.status == Status.APPROVED


def test_a_reporter_has_no_publishing_actions(reporter_client):
    ArticleFactory(draft=True)
    actions = [
        name for name, _label in reporter_client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices
    ]
    assert "send_for_editing" in actions
    assert not {"publish_now", "unpublish", "approve", "restore"} & set(actions)


# ---- Versions name who moved a story -----------------------------------------------------------------------


def test_each_move_on_the_list_is_a_version_that_names_who_made_it(reporter, editor):
    reporter.first_name, reporter.last_name = "Rita", "Reporter"
    reporter.save()
    editor.first_name, editor.last_name = "Ed", "Itor"
    editor.save()
    story = ArticleFactory(status=Status.DRAFT, published_at=None)
    as_reporter, as_editor = Client(), Client()
    assert as_reporter.login(username="reporter", password="pw-reporter-123")
    assert as_editor.login(username="editor", password="pw-editor-123")

    as_reporter.post(CHANGELIST_URL, {"action": "send_for_editing", "_selected_action": [story.pk]})
    as_editor.post(CHANGELIST_URL, {"action": "approve", "_selected_action": [story.pk]})

    versions = list(story_versions(story))  # newest first; the oldest is the story as it was before
    assert [(version.revision.user, version.field_dict["status"]) for version in versions] == [
        (editor, Status.APPROVED),
        (reporter, Status.READY),
        (None, Status.DRAFT),
    ]
    page = as_editor.get(reverse("admin:articles_article_versions", args=[story.pk])).content.decode()
    assert "Rita Reporter" in page and "Ed Itor" in page
    assert page.count("Changed Status.") == 2


def test_a_move_made_in_code_is_a_version_saying_where_the_story_went(editor):
    story = ArticleFactory()

    story_move(article=story, to=Status.WITHDRAWN, user=editor, note="Legal hold.")

    latest = story_versions(story).first()
    assert latest.revision.user == editor
    assert latest.field_dict["withdrawal_note"] == "Legal hold."
    assert describe(latest) == "Moved to “Withdrawn”."


def test_the_system_may_withdraw_a_killed_story_but_not_make_another_move():
    live, draft = ArticleFactory(), ArticleFactory(status=Status.DRAFT, published_at=None)

    story_kill(article=live, note="Withdrawn by Reuters.")
    with pytest.raises(ValidationError):
        story_kill(article=draft, note="Withdrawn by Reuters.")

    live.refresh_from_db()
    assert (live.status, live.withdrawal_note) == (Status.WITHDRAWN, "Withdrawn by Reuters.")
    assert AuditEntry.objects.get(object_id=str(live.pk)).actor is None
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
