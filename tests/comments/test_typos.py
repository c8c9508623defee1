"""Typo reports: the endpoint readers' browsers call, the merge and text checks, the editors' queue."""

import hashlib
import hmac
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.desk import waiting
from articles.desk.models import AuditEntry
from articles.services import article_save
from comments.typos import services as typo_services
from comments.typos.models import TypoReport
from comments.typos.services import find_in_story, story_text, text_fragment, typo_report_create
from tests.articles.test_admin import form_fields
from tests.factories import ArticleFactory, TypoReportFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>The bill passed with a comfortible majority after eleven hours of debate.</p>"
    "<p>It now goes to the <em>upper</em> house, which is expected to approve it next week &amp; sign.</p>"
)
ENDPOINT = "/en/reader/typo/"


@pytest.fixture
def article():
    return ArticleFactory(
        title="Parliament passes the budget bill",
        lead="Lawmakers approved the spending plan after a long night of debate.",
        body=BODY,
    )


def send(client, story, **fields):
    data = {
        "article": story.pk,
        "selection": "comfortible",
        "before": "The bill passed with a ",
        "after": " majority after eleven hours",
        "comment": "comfortable",
        "url": "http://testserver" + story.get_absolute_url(),
        **fields,
    }
    # What typo.js sends: URL-encoded form fields, asking for JSON.
    return client.post(ENDPOINT, data, headers={"Accept": "application/json"})


# The endpoint


def test_report_is_stored_with_its_context(client, article):
    response = send(client, article)

    assert response.status_code == 201
    assert response.json() == {"ok": True, "message": "Thank you! The editors will look at it.", "errors": {}}
    report = TypoReport.objects.get()
    assert report.article == article
    assert report.selection == "comfortible"
    assert report.context_before == "The bill passed with a "
    assert report.context_after == " majority after eleven hours"
    assert report.comment == "comfortable"
    assert report.url == "http://testserver" + article.get_absolute_url()
    assert report.status == TypoReport.Status.NEW
    assert report.report_count == 1
    assert not report.text_missing
    expected_hash = hmac.new(settings.IP_HASH_KEY.encode(), b"127.0.0.1", hashlib.sha256).hexdigest()
    assert report.ip_hash == expected_hash


def test_form_encoded_report_redirects_back_to_the_story(client, article):
    response = client.post(ENDPOINT, {"article": article.pk, "selection": "comfortible"})

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?typo=sent#typo-hint"
    assert TypoReport.objects.count() == 1
    page = client.get(response["Location"])
    assert "Thank you! The editors will look at it." in page.content.decode()


def test_form_encoded_report_answers_json_when_asked(client, article):
    response = client.post(
        ENDPOINT, {"article": article.pk, "selection": "comfortible"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 201
    assert TypoReport.objects.get().selection == "comfortible"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"selection": ""}, 400, "Select the wrong text first."),
        ({"selection": " \n\t "}, 400, "Select the wrong text first."),
        ({"selection": "x" * 251}, 400, "The selected text is too long."),
        ({"comment": "y" * 1001}, 400, "The comment is too long"),
        ({"article": "not-a-number"}, 400, "This story is not available."),
        ({"article": ""}, 400, "This story is not available."),
        ({"article": 999_999}, 404, "This story is not available."),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(client, article, fields, status, message):
    response = send(client, article, **fields)

    assert response.status_code == status
    assert response.json()["ok"] is False
    assert message in response.json()["message"]
    assert any(message in error for errors in response.json()["errors"].values() for error in errors)
    assert not TypoReport.objects.exists()


def test_too_long_message_says_how_to_shorten(client, article):
    error = send(client, article, selection="x" * 251).json()["message"]
    assert error == (
        "The selected text is too long. Select no more than 250 characters: just the misspelt word and a few around it."
    )


def test_selection_at_the_limit_is_accepted(client, article):
    assert send(client, article, selection="x" * 250).status_code == 201


@override_settings(TYPO_MAX_SELECTION=10, TYPO_MAX_COMMENT=5)
def test_limits_come_from_settings(client, article):
    assert send(client, article, selection="comfortible majority").status_code == 400
    assert send(client, article, comment="too long").status_code == 400
    assert send(client, article, selection="comfortibl", comment="ok").status_code == 201


@pytest.mark.parametrize("state", [{"draft": True}, {"scheduled": True}, {"edition": "ru"}], ids=str)
def test_stories_readers_cannot_see_take_no_reports(client, state):
    # A Russian story is live, but not in the English edition this report was sent to.
    hidden = ArticleFactory(**state)
    response = send(client, hidden)
    assert response.status_code == 404
    assert not TypoReport.objects.exists()


@pytest.mark.parametrize("body", ["{broken", "[1, 2]", '"text"', '{"article": 1, "selection": "comfortible"}'])
def test_reports_come_as_form_fields_never_as_a_json_body(client, article, body):
    response = client.post(ENDPOINT, body, content_type="application/json", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["message"] == "This story is not available."
    assert not TypoReport.objects.exists()


def test_only_post(client):
    assert client.get(ENDPOINT).status_code == 405


def test_missing_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    response = send(client, article)
    assert response.status_code == 403
    assert response.json()["ok"] is False and "session check failed" in response.json()["message"]
    assert not TypoReport.objects.exists()


def test_csrf_token_from_the_reader_endpoint_is_accepted(article):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/en/reader/csrf/").json()["csrfToken"]
    response = client.post(
        ENDPOINT,
        {"article": article.pk, "selection": "comfortible"},
        headers={"Accept": "application/json", "X-CSRFToken": token},
    )
    assert response.status_code == 201


@override_settings(TYPO_RATE_LIMIT="3/m")
def test_a_flood_from_one_address_is_refused(client, article):
    for word in ["comfortible", "majority", "eleven"]:
        assert send(client, article, selection=word).status_code == 201

    response = send(client, article, selection="debate")

    assert response.status_code == 429
    assert "Too many requests" in response.json()["message"]
    assert response["Retry-After"] == "60"
    assert not TypoReport.objects.filter(selection="debate").exists()
    # Another address is not held back by the first one's flood.
    other = client.post(
        ENDPOINT,
        {"article": article.pk, "selection": "debate"},
        headers={"Accept": "application/json"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert other.status_code == 201


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("http://testserver{path}", "http://testserver{path}"),
        ("http://testserver{path}?utm=x#frag", "http://testserver{path}"),
        ("https://evil.example{path}", "http://testserver{path}"),
        ("http://testserver/en/other/", "http://testserver{path}"),
        ("javascript:alert(1)", "http://testserver{path}"),
        ("", "http://testserver{path}"),
    ],
)
def test_page_address_must_be_the_story(client, article, sent, stored):
    path = article.get_absolute_url()
    send(client, article, url=sent.format(path=path))
    assert TypoReport.objects.get().url == stored.format(path=path)


# Merging and the text check


def test_same_text_is_merged_into_one_report(client, article):
    assert send(client, article, comment="comfortable").status_code == 201
    assert send(client, article, comment="").status_code == 200
    assert send(client, article, comment="should be comfortable").status_code == 200

    report = TypoReport.objects.get()
    assert report.report_count == 3
    assert report.comment == "comfortable\n\nshould be comfortable"
    assert report.last_reported_at > report.created_at


def test_other_text_or_closed_reports_are_not_merged(client, article):
    send(client, article)
    send(client, article, selection="majority")
    TypoReport.objects.filter(selection="majority").update(status=TypoReport.Status.REJECTED)
    send(client, article, selection="majority")

    assert TypoReport.objects.filter(selection="comfortible").count() == 1
    assert TypoReport.objects.filter(selection="majority").count() == 2
    assert TypoReport.objects.open().filter(selection="majority").get().report_count == 1


def test_racing_reports_of_the_same_text_end_up_counted(article):
    """The second insert hits the unique constraint: it is counted on the winner's report."""
    TypoReportFactory(article=article, selection="comfortible")
    real = typo_services._count_repeat
    calls = []

    def lose_the_race_once(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    with mock.patch.object(typo_services, "_count_repeat", side_effect=lose_the_race_once):
        report, created = typo_report_create(
            article=article, selection="comfortible", before="", after="", comment="", url="", ip_hash=""
        )
    assert not created
    assert report.report_count == 2
    assert TypoReport.objects.count() == 1


@pytest.mark.parametrize(
    "selection",
    [
        "comfortible",
        "Parliament passes",  # headline
        "a long night",  # lead
        "majority after  eleven",  # whitespace as the browser collapses it
        "debate. It now goes",  # across two paragraphs
        "the upper house",  # across an inline tag
        "next week & sign",  # an entity in the body
        "bill Lawmakers approved",  # headline into lead
    ],
)
def test_text_in_the_story_is_found(client, article, selection):
    send(client, article, selection=selection)
    assert not TypoReport.objects.get().text_missing


@pytest.mark.parametrize("selection", ["comfortable", "COMFORTIBLE", "Parliament passes the budget bill Lawmakers x"])
def test_text_not_in_the_story_is_kept_and_flagged(client, article, selection):
    assert send(client, article, selection=selection).status_code == 201
    assert TypoReport.objects.get().text_missing


def test_long_context_is_trimmed_to_sixty_characters(client, article):
    send(client, article, before="a" * 100 + " with a ", after=" majority " + "b" * 100)
    report = TypoReport.objects.get()
    assert len(report.context_before) == 60 and report.context_before.endswith(" with a ")
    assert len(report.context_after) == 60 and report.context_after.startswith(" majority ")


def test_typed_text_gets_its_context_from_the_story(client, article):
    send(client, article, before="", after="", selection="comfortible")
    report = TypoReport.objects.get()
    assert report.context_before == "The bill passed with a "
    assert report.context_after == " majority after eleven hours of debate."


def test_story_text_reads_like_the_page(article):
    assert story_text(article) == (
        "Parliament passes the budget bill "
        "Lawmakers approved the spending plan after a long night of debate. "
        "The bill passed with a comfortible majority after eleven hours of debate. "
        "It now goes to the upper house, which is expected to approve it next week & sign."
    )


def test_repeated_words_are_told_apart_by_context(article):
    occurrence = find_in_story(article, "debate", before="after eleven hours of ")
    assert occurrence.before == "The bill passed with a comfortible majority after eleven hours of "
    assert find_in_story(article, "debate").before.startswith("Lawmakers approved")


# Editors fix the story


def test_saving_a_story_without_the_text_fixes_its_reports(article):
    gone = TypoReportFactory(article=article, selection="comfortible")
    still_there = TypoReportFactory(article=article, selection="eleven hours")
    never_there = TypoReportFactory(article=article, selection="no such words", text_missing=True)
    rejected = TypoReportFactory(article=article, selection="majority", status=TypoReport.Status.REJECTED)
    other_story = TypoReportFactory(selection="comfortible")

    article.body = article.body.replace("comfortible", "comfortable").replace("majority", "margin")
    article_save(article=article)

    for report in (gone, still_there, never_there, rejected, other_story):
        report.refresh_from_db()
    assert gone.status == TypoReport.Status.FIXED and gone.resolved_at is not None
    assert still_there.status == TypoReport.Status.NEW
    assert never_there.status == TypoReport.Status.NEW
    assert rejected.status == TypoReport.Status.REJECTED
    assert other_story.status == TypoReport.Status.NEW


def test_saving_the_story_in_the_admin_fixes_its_reports(admin_client, article):
    report = TypoReportFactory(article=article, selection="Parliament passes")
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    fields = form_fields(admin_client.get(change_url))
    fields["title"] = "Parliament adopts the budget bill"

    response = admin_client.post(change_url, fields)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == TypoReport.Status.FIXED


def test_a_plain_save_leaves_reports_alone(article):
    """Resolving is the service's work, not a side effect of every row written."""
    report = TypoReportFactory(article=article, selection="comfortible")
    article.body = article.body.replace("comfortible", "comfortable")
    article.save()
    report.refresh_from_db()
    assert report.status == TypoReport.Status.NEW


def test_fixed_text_reported_again_is_a_new_report(client, article):
    send(client, article)
    article.body = article.body.replace("comfortible", "comfortable")
    article_save(article=article)
    send(client, article, selection="comfortable")
    assert TypoReport.objects.get(selection="comfortible").status == TypoReport.Status.FIXED
    assert TypoReport.objects.get(selection="comfortable").status == TypoReport.Status.NEW


# The editors' queue


CHANGELIST = "/admin/comments/typoreport/"


def test_queue_shows_the_selection_highlighted_and_escaped(admin_client, article):
    TypoReportFactory(
        article=article,
        selection="<b>comfortible</b>",
        context_before="passed with a ",
        context_after=" majority",
    )
    response = admin_client.get(CHANGELIST + "?status__exact=new")

    html = response.content.decode()
    assert response.status_code == 200
    assert "passed with a <mark>&lt;b&gt;comfortible&lt;/b&gt;</mark> majority" in html
    assert "<b>comfortible</b>" not in html


def test_queue_links_to_the_spot_in_the_story_and_to_its_editor(admin_client, article):
    TypoReportFactory(article=article, selection="comfortible", context_before="passed with a ")
    html = admin_client.get(CHANGELIST).content.decode()

    spot = f"{article.get_absolute_url()}#:~:text=passed%20with%20a-,comfortible,-majority%20after%20eleven"
    assert f'href="{spot}"' in html
    assert f'href="{reverse("admin:articles_article_change", args=[article.pk])}"' in html


def test_queue_filters_by_status_and_story(admin_client, article):
    TypoReportFactory(article=article, selection="comfortible")
    TypoReportFactory(article=article, selection="majority", status=TypoReport.Status.FIXED)
    other = TypoReportFactory(selection="elsewhere")

    new = admin_client.get(CHANGELIST + "?status__exact=new").content.decode()
    assert "<mark>comfortible</mark>" in new and "<mark>majority</mark>" not in new
    by_story = admin_client.get(CHANGELIST + f"?article__id__exact={other.article_id}").content.decode()
    assert "<mark>elsewhere</mark>" in by_story and "<mark>comfortible</mark>" not in by_story


@pytest.mark.parametrize(("action", "status"), [("mark_fixed", "fixed"), ("mark_rejected", "rejected")])
def test_bulk_actions_close_reports(admin_client, article, action, status):
    reports = [TypoReportFactory(article=article, selection=word) for word in ("comfortible", "majority")]
    untouched = TypoReportFactory(article=article, selection="eleven")

    response = admin_client.post(
        CHANGELIST, {"action": action, "_selected_action": [r.pk for r in reports]}, follow=True
    )

    assert response.status_code == 200
    assert "2 reports marked" in response.content.decode()
    assert set(TypoReport.objects.filter(pk__in=[r.pk for r in reports]).values_list("status", flat=True)) == {status}
    assert TypoReport.objects.get(pk=untouched.pk).status == "new"


def test_reports_cannot_be_added_by_hand(admin_client):
    assert admin_client.get(CHANGELIST + "add/").status_code == 403


def test_new_reports_are_counted_for_whoever_may_act(django_user_model, article):
    TypoReportFactory(article=article, selection="comfortible")
    TypoReportFactory(article=article, selection="majority")
    TypoReportFactory(article=article, selection="eleven", status=TypoReport.Status.FIXED)
    moderator = django_user_model.objects.create_user("mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)

    counters = {item.label: item for item in waiting.waiting_for(moderator)}
    assert counters["Typo reports"].count == 2
    assert counters["Typo reports"].url == CHANGELIST + "?status__exact=new"
    assert "Typo reports" not in {item.label for item in waiting.waiting_for(nobody)}


def test_moderators_and_editors_may_work_the_queue(django_user_model):
    for group in ("Moderators", "Editors"):
        user = django_user_model.objects.create_user(group, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        assert user.has_perms(["comments.view_typoreport", "comments.change_typoreport"]), group


# Text fragment links


@pytest.mark.parametrize(
    ("selection", "fragment"),
    [
        ("comfortible", ":~:text=passed%20with%20a-,comfortible,-majority%20after%20eleven"),
        ("Parliament", ":~:text=Parliament,-passes%20the%20budget"),
        # Across paragraphs: the start and the end, each inside its own paragraph.
        ("debate. It now", ":~:text=eleven%20hours%20of-,debate.,It%20now,-goes%20to%20the"),
        ("next week & sign", ":~:text=to%20approve%20it-,next%20week%20%26%20sign,-."),
    ],
)
def test_text_fragment_stays_within_paragraphs(article, selection, fragment):
    report = TypoReport(article=article, selection=selection)
    assert text_fragment(article, report) == fragment


def test_text_fragment_encodes_its_separators():
    article = ArticleFactory(body="<p>A well-known, long-awaited vote took place.</p>")
    report = TypoReport(article=article, selection="well-known, long-awaited")
    assert text_fragment(article, report) == ":~:text=A-,well%2Dknown%2C%20long%2Dawaited,-vote%20took%20place."


# The story page


def story_page(client, article):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_story_page_carries_the_dialog_once(client, article):
    html, _ = story_page(client, article)
    assert html.count('<dialog class="typo-dialog"') == 1
    assert 'data-max-selection="250"' in html
    assert html.count("Found a typo? Select it and press Ctrl+Enter.") == 1
    assert 'src="/static/js/typo.js"' in html
    assert html.count("data-typo-scope") == 3


@override_settings(TYPO_MAX_SELECTION=120)
def test_story_page_tells_the_script_the_limit(client, article):
    html, _ = story_page(client, article)
    assert 'data-max-selection="120"' in html
    assert "Select no more than 120 characters" in html


@pytest.mark.usefixtures("page_cache_off")
def test_reports_do_not_change_the_story_page_query_count(client, article):
    story_page(client, article)  # the sections are read once, then kept in the cache
    _, before = story_page(client, article)
    for word in ("comfortible", "majority", "eleven", "debate"):
        TypoReportFactory(article=article, selection=word)
    _, after = story_page(client, article)
    assert after == before


def test_preview_of_a_draft_has_no_typo_dialog(admin_client):
    draft = ArticleFactory(draft=True)
    html = admin_client.get(draft.get_absolute_url()).content.decode()
    assert "typo-dialog" not in html


def test_the_dialog_itself_costs_no_query(rf, article, django_assert_num_queries):
    request = rf.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        html = render_to_string("comments/includes/_typo_dialog.html", {"article": article}, request=request)
    assert f'name="article" value="{article.pk}"' in html


def test_the_typo_queue_shows_the_readers_comment_and_closes_a_report_in_one_click(client, django_user_model):
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("typo-editor", password="pw-typo-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    report = TypoReportFactory(comment="Should be “comfortable”, with one t.", text_missing=False)
    listing = client.get("/admin/comments/typoreport/?status__exact=new")
    html = listing.content.decode()
    assert "Should be “comfortable”, with one t." in html
    assert "Text in the story" in html
    detail = client.get(f"/admin/comments/typoreport/{report.pk}/change/").content.decode()
    assert "Text in the story" in detail and "Text not in story" not in detail  # the same fact, the same words
    assert f'formaction="/admin/comments/typoreport/{report.pk}/fixed/"' in html

    assert client.get(f"/admin/comments/typoreport/{report.pk}/fixed/").status_code == 405
    back = "http://testserver/admin/comments/typoreport/?status__exact=new"
    response = client.post(f"/admin/comments/typoreport/{report.pk}/fixed/", HTTP_REFERER=back)

    assert response.status_code == 302 and response["Location"] == back
    report.refresh_from_db()
    assert report.status == TypoReport.Status.FIXED and report.resolved_at is not None
    entry = LogEntry.objects.get(object_id=str(report.pk))
    assert entry.user == editor and entry.get_change_message() == "Changed status."
    # In the audit log too, as when reports are closed from the list.
    assert AuditEntry.objects.filter(action="typo_fixed", object_id=str(report.pk), actor=editor).exists()
    again = client.post(f"/admin/comments/typoreport/{report.pk}/fixed/", follow=True)
    assert "This report was closed already." in again.content.decode()


def test_a_moderator_without_the_permission_cannot_close_a_report(client, django_user_model):
    reader_staff = django_user_model.objects.create_user("plain-staff", password="pw-plain-123", is_staff=True)
    client.force_login(reader_staff)
    report = TypoReportFactory()
    assert client.post(f"/admin/comments/typoreport/{report.pk}/fixed/").status_code == 403
    report.refresh_from_db()
    assert report.status == TypoReport.Status.NEW
