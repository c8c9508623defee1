"""Versions of a story: every save recorded, compared word by word, restored; saves over newer saves refused."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version
from taggit.models import Tag

from articles.desk.versions import body_text, compare_words, describe, story_versions
from articles.models import Article, RelatedLink, StoryVersionNote
from articles.services import article_save
from tests.articles.test_admin import add_story, form_fields
from tests.factories import ArticleFactory, AuthorFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/articles/article/"


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def versions_url(story):
    return reverse("admin:articles_article_versions", args=[story.pk])


def version_url(story, version):
    return reverse("admin:articles_article_version", args=[story.pk, version.pk])


@pytest.fixture
def second_editor(django_user_model):
    user = django_user_model.objects.create_user(
        "boris", password="pw-boris-123", is_staff=True, first_name="Boris", last_name="Ivanov"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def second_client(second_editor):
    client = Client()
    assert client.login(username="boris", password="pw-boris-123")
    return client


def edit(client, story, **changes):
    data = form_fields(client.get(change_url(story)))
    data.update(changes)
    return client.post(change_url(story), data)


def texts(story):
    return [version.field_dict["title"] for version in story_versions(story)]


# ---- Every save is a version -------------------------------------------------------------------------------


def test_every_save_in_the_form_is_a_version_with_who_and_what_changed(editor_client, editor):
    section = SectionFactory(slug="politics")
    author = AuthorFactory(name="Anna Petrova")
    Tag.objects.create(name="Budget")
    response = add_story(
        editor_client,
        section,
        authors=[str(author.pk)],
        existing_tags=[str(Tag.objects.get().pk)],
        new_tags="taxes",
        **{
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-position": "1",
            "related_links-0-url": "https://example.org/bill.pdf",
            "related_links-0-title": "The bill in full",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get()
    response = edit(editor_client, story, title="Parliament passes the 2027 budget")
    assert response.status_code == 302, response.context["adminform"].form.errors

    versions = list(story_versions(story))
    assert [version.field_dict["title"] for version in versions] == [
        "Parliament passes the 2027 budget",
        "Parliament passes the budget",
    ]
    first = versions[1]
    assert first.revision.user == editor
    assert first.field_dict["authors"] == [author.pk]
    assert first.revision.story_note.tags == {str(story.pk): ["Budget", "taxes"]}
    links = first.revision.version_set.filter(content_type__model="relatedlink")
    assert [link.field_dict["title"] for link in links] == ["The bill in full"]

    page = editor_client.get(versions_url(story)).content.decode()
    assert "2 versions, newest first" in page
    assert "Changed Headline." in page
    assert "Added." in page
    assert page.count("<td>editor</td>") == 2


def test_a_story_written_before_versions_keeps_its_old_state_as_the_first_version(editor_client):
    story = ArticleFactory(title="Old headline")
    assert not story_versions(story).exists()
    edit(editor_client, story, title="New headline")
    assert texts(story) == ["New headline", "Old headline"]
    assert "As it was before versions were kept." in editor_client.get(versions_url(story)).content.decode()


def test_a_version_never_holds_what_readers_change(editor_client):
    story = ArticleFactory(rating_count=3, rating_sum=12, comment_count=7)
    edit(editor_client, story, title="Changed")
    fields = story_versions(story).first().field_dict
    assert not {"rating_count", "rating_sum", "comment_count", "search_vector"} & fields.keys()


@pytest.mark.parametrize(
    ("action", "changed"),
    [
        ("publish_now", "Changed Status and Publication time."),
        ("unpublish", "Changed Status."),
        ("feature", "Changed Featured."),
        ("pin", "Changed Pinned."),
        ("close_comments", "Changed Comments closed."),
    ],
)
def test_the_lists_actions_record_a_version_of_every_story_they_change(editor_client, editor, action, changed):
    drafts = [
        ArticleFactory(status=Article.Status.DRAFT, published_at=None),
        ArticleFactory(status=Article.Status.DRAFT, published_at=None),
    ]
    live = ArticleFactory()
    stories = [*drafts, live]
    if action == "unpublish":
        stories = [live]
    elif action == "publish_now":
        stories = drafts
    editor_client.post(CHANGELIST_URL, {"action": action, "_selected_action": [story.pk for story in stories]})
    for story in stories:
        story.refresh_from_db()
        latest, before = list(story_versions(story))
        assert latest.revision.user == editor
        assert editor_client.get(versions_url(story)).content.decode().count(changed) == 1
        assert latest.field_dict["status"] == story.status
        assert latest.field_dict["is_featured"] == story.is_featured
        assert before.revision.comment == "As it was before versions were kept."


def test_a_save_elsewhere_through_the_service_is_a_version_too():
    story = ArticleFactory(title="Before")
    story.title = "Changed by a script"
    article_save(article=story)
    (version,) = story_versions(story)
    assert version.field_dict["title"] == "Changed by a script"
    assert version.revision.user is None
    assert describe(version) == "Saved."


# ---- Comparing ---------------------------------------------------------------------------------------------


def test_words_compare_side_by_side_with_deletions_and_insertions_marked():
    old, new = compare_words("The bill passed easily on Monday", "The bill passed narrowly on Tuesday")
    assert old == (
        'The bill passed <del><span class="visually-hidden">deleted: </span>easily</del> on '
        '<del><span class="visually-hidden">deleted: </span>Monday</del>'
    )
    assert new == (
        'The bill passed <ins><span class="visually-hidden">inserted: </span>narrowly</ins> on '
        '<ins><span class="visually-hidden">inserted: </span>Tuesday</ins>'
    )


def test_compared_text_is_escaped():
    old, new = compare_words("a <b>", 'a <script>alert("x")</script>')
    assert "<script" not in new and "alert(&quot;x&quot;)&lt;/script&gt;" in new
    assert "<b>" not in old and "&lt;" in old


def test_the_body_is_compared_as_readers_read_it():
    assert body_text("<p>One <strong>bold</strong> move.</p><p>Two &amp; three</p>") == "One bold move.\nTwo & three"


def test_a_version_page_shows_what_changed_word_by_word(editor_client):
    story = ArticleFactory(title="Budget passes", body="<p>The bill passed easily.</p>")
    edit(editor_client, story, title="Budget passes at last", body="<p>The bill passed narrowly.</p>")
    latest = story_versions(story).first()
    page = editor_client.get(version_url(story, latest)).content.decode()
    assert 'Budget passes<ins><span class="visually-hidden">inserted: </span> at last</ins>' in page
    assert '<del><span class="visually-hidden">deleted: </span>easily</del>' in page
    assert '<ins><span class="visually-hidden">inserted: </span>narrowly</ins>' in page
    assert "&lt;p&gt;" not in page, "the body is compared as text, not markup"
    assert "Restore this version" in page


def test_a_version_compares_with_the_story_as_it_is_now(editor_client):
    story = ArticleFactory(title="First")
    edit(editor_client, story, title="Second")
    edit(editor_client, story, title="Third")
    first = story_versions(story).last()
    page = editor_client.get(version_url(story, first) + "?against=current").content.decode()
    assert '<del><span class="visually-hidden">deleted: </span>First</del>' in page
    assert '<ins><span class="visually-hidden">inserted: </span>Third</ins>' in page


def test_an_unknown_version_is_a_404(editor_client):
    story, other = ArticleFactory(), ArticleFactory()
    edit(editor_client, other, title="Other")
    response = editor_client.get(version_url(story, story_versions(other).first()))
    assert response.status_code == 404


# ---- Restoring ---------------------------------------------------------------------------------------------


def test_restoring_brings_back_text_tags_and_links_as_a_new_version(editor_client, editor, client):
    story = ArticleFactory(title="Original headline", lead="Original lead.", body="<p>Original body.</p>")
    story.tags.set(["budget"])
    RelatedLinkFactory(article=story, url="https://example.org/a", title="The first link", target=None)
    edit(editor_client, story, title="Original headline")  # the first recorded version
    original = story_versions(story).first()
    story.tags.set(["elections"])
    story.related_links.all().delete()
    edit(editor_client, story, title="Rewritten headline", lead="Rewritten lead.", body="<p>Rewritten.</p>")
    reader = Client()
    assert "Rewritten headline" in reader.get(story.get_absolute_url()).content.decode()

    response = editor_client.post(reverse("admin:articles_article_version_restore", args=[story.pk, original.pk]))
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.lead, story.body) == ("Original headline", "Original lead.", "<p>Original body.</p>")
    assert list(story.tags.names()) == ["budget"]
    assert [link.title for link in story.related_links.all()] == ["The first link"]
    assert story.status == Article.Status.PUBLISHED
    latest = story_versions(story).first()
    assert latest.field_dict["title"] == "Original headline"
    assert latest.revision.story_note.restored_from == original.revision
    assert latest.revision.user == editor
    assert "Restored the version of" in editor_client.get(versions_url(story)).content.decode()
    # The page readers get (cached before) shows the restored story.
    assert "Original headline" in reader.get(story.get_absolute_url()).content.decode()


def test_restoring_leaves_publication_as_it_is(editor_client):
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None, title="Draft headline")
    edit(editor_client, story, title="Draft headline")
    draft_version = story_versions(story).first()
    editor_client.post(CHANGELIST_URL, {"action": "publish_now", "_selected_action": [story.pk]})
    editor_client.post(reverse("admin:articles_article_version_restore", args=[story.pk, draft_version.pk]))
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_restoring_takes_a_post_by_someone_who_may_change_stories(editor_client, client, django_user_model):
    story = ArticleFactory(title="Before")
    edit(editor_client, story, title="After")
    version = story_versions(story).last()
    restore_url = reverse("admin:articles_article_version_restore", args=[story.pk, version.pk])
    assert editor_client.get(restore_url).status_code == 302
    story.refresh_from_db()
    assert story.title == "After"

    moderator = django_user_model.objects.create_user("mod", password="pw-mod-12345", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.login(username="mod", password="pw-mod-12345")
    assert client.get(version_url(story, version)).status_code == 200, "moderators may read versions"
    assert "Restore this version" not in client.get(version_url(story, version)).content.decode()
    assert client.post(restore_url).status_code == 403
    story.refresh_from_db()
    assert story.title == "After"


def test_restoring_skips_a_related_story_deleted_since(editor_client):
    story, linked = ArticleFactory(), ArticleFactory()
    RelatedLink.objects.create(article=story, target=linked, position=1)
    edit(editor_client, story, title="With a link")
    version = story_versions(story).first()
    linked.delete()
    response = editor_client.post(reverse("admin:articles_article_version_restore", args=[story.pk, version.pk]))
    assert response.status_code == 302
    assert not story.related_links.exists()


def test_restoring_keeps_what_cannot_come_back(editor_client):
    story = ArticleFactory()
    author = AuthorFactory()
    story.authors.set([author])
    old_section = story.section
    edit(editor_client, story, title="With an author")
    version = story_versions(story).first()
    # Since then: the story moved to a section of its own edition, the old one went, so did the author.
    story.section = SectionFactory(edition=story.edition)
    story.save()
    old_section.delete()
    author.delete()
    response = editor_client.post(reverse("admin:articles_article_version_restore", args=[story.pk, version.pk]))
    assert response.status_code == 302
    restored = Article.objects.get(pk=story.pk)
    assert restored.title == "With an author"
    assert restored.section == story.section
    assert not restored.authors.exists()


# ---- No lost edits: saving over a newer save ---------------------------------------------------------------


def test_a_save_over_a_newer_save_is_refused_with_the_differences_and_the_text_kept(editor_client, second_client):
    story = ArticleFactory(title="Budget passes", lead="The bill passed.", body="<p>It passed easily.</p>")
    mine = form_fields(editor_client.get(change_url(story)))
    assert mine["desk_loaded_version"] == story.modified_at.isoformat()

    assert edit(second_client, story, title="Budget passes at night").status_code == 302

    mine.update(title="Budget finally passes", body="<p>It passed narrowly.</p>")
    response = editor_client.post(change_url(story), mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This story was saved by Boris Ivanov after you opened it." in page
    assert 'value="Budget finally passes"' in page, "the editor's own text stays in the form"
    assert "It passed narrowly." in page
    assert '<ins><span class="visually-hidden">inserted: </span>narrowly</ins>' in page
    assert '<del><span class="visually-hidden">deleted: </span> at night</del>' in page
    story.refresh_from_db()
    assert story.title == "Budget passes at night", "nothing was overwritten"

    # Having seen the differences, the editor saves the merged text: it goes through.
    merged = form_fields(response)
    merged.update(title="Budget finally passes at night")
    assert editor_client.post(change_url(story), merged).status_code == 302
    story.refresh_from_db()
    assert story.title == "Budget finally passes at night"


def test_a_save_over_a_list_action_is_refused_too(editor_client):
    story = ArticleFactory(is_featured=False)
    mine = form_fields(editor_client.get(change_url(story)))
    editor_client.post(CHANGELIST_URL, {"action": "feature", "_selected_action": [story.pk]})
    mine.update(title="Another headline")
    assert editor_client.post(change_url(story), mine).status_code == 200
    story.refresh_from_db()
    assert story.is_featured


def test_a_form_with_other_errors_keeps_the_version_it_was_loaded_with(editor_client, second_client):
    story = ArticleFactory(title="Headline")
    mine = form_fields(editor_client.get(change_url(story)))
    loaded = mine["desk_loaded_version"]
    response = editor_client.post(change_url(story), {**mine, "title": ""})
    assert form_fields(response)["desk_loaded_version"] == loaded
    edit(second_client, story, title="Theirs")
    assert editor_client.post(change_url(story), {**form_fields(response), "title": "Mine"}).status_code == 200


# ---- Presence: the heartbeat -------------------------------------------------------------------------------


HEARTBEAT_URL = "/admin/articles/article/heartbeat/"


def beat(client, story, **data):
    return client.post(HEARTBEAT_URL, {"story": str(story.pk), **data})


def test_two_editors_on_one_story_see_each_other(editor_client, second_client):
    story = ArticleFactory()
    assert beat(editor_client, story).json() == {"authenticated": True, "editors": [], "saved_since": False}
    assert beat(second_client, story).json()["editors"] == ["editor"]
    assert beat(editor_client, story).json()["editors"] == ["Boris Ivanov"]
    beat(second_client, story, leaving="1")
    assert beat(editor_client, story).json()["editors"] == []


def test_an_editor_whose_page_stopped_beating_has_left(editor_client, second_client, time_machine):
    story = ArticleFactory()
    time_machine.move_to("2026-12-01 10:00:00Z")
    beat(second_client, story)
    time_machine.move_to("2026-12-01 10:00:20Z")
    assert beat(editor_client, story).json()["editors"] == ["Boris Ivanov"]
    time_machine.move_to("2026-12-01 10:01:00Z")
    assert beat(editor_client, story).json()["editors"] == []


def test_the_heartbeat_says_when_the_story_was_saved_since_the_form_loaded(editor_client, second_client):
    story = ArticleFactory()
    loaded = story.modified_at.isoformat()
    assert beat(editor_client, story, loaded=loaded).json()["saved_since"] is False
    edit(second_client, story, title="Theirs")
    assert beat(editor_client, story, loaded=loaded).json()["saved_since"] is True


def test_the_heartbeat_answers_a_signed_out_editor_in_json(client):
    story = ArticleFactory()
    response = beat(client, story)
    assert response.status_code == 401
    assert response.json() == {"authenticated": False, "login_url": "/admin/login/"}


def test_the_heartbeat_is_a_post_with_the_csrf_token(editor):
    story = ArticleFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(HEARTBEAT_URL).status_code == 405
    assert client.post(HEARTBEAT_URL, {"story": str(story.pk)}).status_code == 403


def test_the_heartbeat_refuses_bad_input_with_a_message(editor_client):
    assert editor_client.post(HEARTBEAT_URL, {"story": "x' or 1=1"}).status_code == 400
    assert editor_client.post(HEARTBEAT_URL, {"story": "999999"}).json() == {
        "authenticated": True,
        "error": "No such story.",
    }
    assert editor_client.post(HEARTBEAT_URL, {"story": "new"}).json()["editors"] == []
    # Digits that are no ASCII number, and a number past the column's range, are refused the same way.
    assert editor_client.post(HEARTBEAT_URL, {"story": "²"}).status_code == 400
    assert editor_client.post(HEARTBEAT_URL, {"story": "9" * 25}).status_code == 400


def test_the_heartbeat_is_for_staff_who_may_see_stories(client, django_user_model):
    django_user_model.objects.create_user("staffer", password="pw-staff-12345", is_staff=True)
    client.login(username="staffer", password="pw-staff-12345")
    assert beat(client, ArticleFactory()).status_code == 403


# ---- Saved: the form's kept changes are forgotten --------------------------------------------------------


def test_a_successful_save_tells_the_browser_to_forget_the_kept_changes(editor_client):
    story = ArticleFactory()
    response = edit(editor_client, story, title="Saved")
    assert response.cookies["desk_saved"].value == str(story.pk)
    assert response.cookies["desk_saved"]["path"] == "/admin/"
    refused = edit(editor_client, story, title="")
    assert "desk_saved" not in refused.cookies


# ---- Query counts: versions do not slow the desk -----------------------------------------------------------


def with_versions(story, count):
    """`count` versions of the story, made as the admin makes them but in bulk."""
    template = Version.objects.get_for_object(story).first()
    comment = json.dumps([{"changed": {"fields": ["Headline"]}}])
    revisions = Revision.objects.bulk_create(
        Revision(user=template.revision.user, date_created=timezone.now(), comment=comment) for _ in range(count)
    )
    Version.objects.bulk_create(
        Version(
            revision=revision,
            object_id=template.object_id,
            content_type_id=template.content_type_id,
            db=template.db,
            format=template.format,
            serialized_data=template.serialized_data,
            object_repr=template.object_repr,
        )
        for revision in revisions
    )
    StoryVersionNote.objects.bulk_create(
        StoryVersionNote(revision=revision, tags={template.object_id: ["budget"]}) for revision in revisions
    )


def queries_for(client, url, django_assert_max_num_queries, story, versions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with_versions(story, versions)
    client.get(url)  # warm: the content types and the session, read once per process or client
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["list", "change", "versions", "version"])
def test_versions_do_not_slow_the_story_pages(editor_client, django_assert_max_num_queries, page):
    counts = []
    for versions in (10, 1000):
        story = ArticleFactory()
        edit(editor_client, story, title="Recorded")
        url = {
            "list": CHANGELIST_URL,
            "change": change_url(story),
            "versions": versions_url(story),
            "version": version_url(story, story_versions(story).first()),
        }[page]
        counts.append(queries_for(editor_client, url, django_assert_max_num_queries, story, versions))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        editor_client.get(url)


def test_the_versions_page_shows_fifty_at_a_time(editor_client):
    story = ArticleFactory()
    edit(editor_client, story, title="Recorded")
    with_versions(story, 120)
    page = editor_client.get(versions_url(story)).content.decode()
    assert "122 versions, newest first" in page
    assert page.count("<time datetime=") == 50
    assert "Page 1 of 3" in page
