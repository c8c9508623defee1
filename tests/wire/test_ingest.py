"""Wire ingest: each format arrives as drafts in the right section, de-duplicated, updated, killed, logged."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.desk.models import AuditEntry
from articles.desk.versions import describe, story_versions
from articles.models import Article
from articles.services import article_save
from articles.wire.models import WireItem, WireRun, WireSource
from articles.wire.services import wire_ingest
from tests.factories import SectionFactory

from .conftest import FIXTURES, serve

pytestmark = pytest.mark.django_db


def feed_source(newsroom, url, **extra):
    source = WireSource.objects.create(
        name="Wire", kind=WireSource.Kind.FEED, url=url, edition="en", section=newsroom["world"], credit="TASS", **extra
    )
    source.mappings.create(subject="economy", section=newsroom["economy"])
    return source


def test_rss_items_arrive_as_sanitised_drafts_in_the_mapped_section_with_the_credit(newsroom, wire_server):
    base, folder = wire_server
    source = feed_source(newsroom, f"{base}/feed.rss", image_hosts="127.0.0.1")

    run = wire_ingest(source=source)

    assert (run.new, run.failed) == (2, 1)
    assert "wire-no-title: no headline" in run.errors
    rates = Article.objects.get(title="Central bank holds rates")
    assert rates.status == Article.Status.DRAFT and rates.published_at is None
    assert rates.section == newsroom["economy"]  # mapping rule "economy"
    assert rates.source_name == "TASS"
    assert rates.lead == "The bank kept its key rate unchanged."
    assert "<script" not in rates.body and "onclick" not in rates.body
    assert "key rate at 16%" in rates.body
    assert rates.image is not None and rates.image.width == 800
    storm = Article.objects.get(title="Storm closes ports")
    assert storm.section == newsroom["world"]  # no rule: the source's section
    assert storm.image is None  # its host is not allow-listed
    assert any("images.elsewhere.example is not an allowed image host" in e for e in run.errors)
    assert not Article.objects.published().exists()


def test_a_repeat_is_skipped_and_a_changed_item_updates_its_draft_with_a_version(newsroom, wire_server):
    base, folder = wire_server
    serve(folder, "live.rss", "feed.rss")
    source = feed_source(newsroom, f"{base}/live.rss")
    wire_ingest(source=source)

    again = wire_ingest(source=source)
    assert (again.new, again.updated, again.skipped) == (0, 0, 2)

    serve(folder, "live.rss", "feed-updated.rss")
    changed = wire_ingest(source=source)
    assert (changed.new, changed.updated, changed.skipped) == (0, 1, 1)
    assert "for the third time" in Article.objects.get(title="Central bank holds rates").body
    assert len(WireItem.objects.get(guid="wire-rates-1").versions) == 2
    assert Article.objects.filter(title="Central bank holds rates").count() == 1
    # The story's own versions (the desk's history) record both arrivals, by the wire.
    story = Article.objects.get(title="Central bank holds rates")
    versions = list(story_versions(story))
    assert len(versions) == 2
    assert [describe(version) for version in versions] == ["From the wire (Wire)."] * 2
    assert "for the third time" in versions[0].field_dict["body"]
    assert "for the third time" not in versions[1].field_dict["body"]


def test_a_malformed_feed_is_logged_and_the_next_source_still_runs(newsroom, wire_server):
    base, folder = wire_server
    broken = feed_source(newsroom, f"{base}/malformed.rss")
    missing = WireSource.objects.create(
        name="Gone", kind="feed", url=f"{base}/nothing-here.rss", edition="en", section=newsroom["world"], credit="X"
    )
    good = WireSource.objects.create(
        name="Atom", kind="feed", url=f"{base}/feed.atom", edition="en", section=newsroom["world"], credit="AFP"
    )

    out = StringIO()
    call_command("ingest", stdout=out)

    assert "not well-formed XML" in WireRun.objects.get(source=broken).errors[0]
    assert "404" in WireRun.objects.get(source=missing).errors[0]
    assert WireRun.objects.get(source=good).new == 1
    talks = Article.objects.get(title="Talks resume in Geneva")
    assert "<strong>Monday</strong>" in talks.body and talks.source_name == "AFP"
    assert "Atom: 1 new" in out.getvalue()


def test_xml_with_entities_is_refused(newsroom, wire_server):
    base, _folder = wire_server
    run = wire_ingest(source=feed_source(newsroom, f"{base}/entities.rss"))
    assert run.failed == 1 and "refused unsafe XML" in run.errors[0]
    assert not Article.objects.exists()


def test_ninjs_endpoint_items_arrive_and_a_kill_withdraws_the_published_story(newsroom, wire_server):
    base, folder = wire_server
    serve(folder, "ninjs-live.json", "ninjs.json")
    source = WireSource.objects.create(
        name="Partner",
        kind="ninjs_url",
        url=f"{base}/ninjs-live.json",
        edition="en",
        section=newsroom["world"],
        credit="Reuters",
    )
    source.mappings.create(subject="Economy", section=newsroom["economy"])
    run = wire_ingest(source=source)
    assert (run.new, run.failed) == (2, 1)
    harvest = Article.objects.get(title="Harvest beats forecast")
    assert harvest.section == newsroom["economy"] and harvest.lead == "Farmers gathered a record crop."
    assert harvest.urgency == Article.Urgency.FLASH  # ninjs urgency 1
    harvest.status = Article.Status.PUBLISHED
    article_save(article=harvest)

    serve(folder, "ninjs-live.json", "ninjs-kill.json")
    kill = wire_ingest(source=source)

    assert kill.killed == 1
    harvest.refresh_from_db()
    assert harvest.status == Article.Status.WITHDRAWN
    assert harvest.withdrawal_note == "Withdrawn by Reuters."
    assert not Article.objects.published().filter(pk=harvest.pk).exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.WITHDRAW, object_id=str(harvest.pk))
    assert entry.actor is None and entry.detail == "Withdrawn by Reuters."
    latest = story_versions(harvest).first()
    assert latest.field_dict["status"] == Article.Status.WITHDRAWN
    assert str(describe(latest)) == "Withdrawn: killed by the wire (Partner)."


def test_a_kill_of_a_russian_story_leaves_its_note_in_russian(newsroom, wire_server):
    base, folder = wire_server
    serve(folder, "ninjs-live.json", "ninjs.json")
    source = WireSource.objects.create(
        name="Partner",
        kind="ninjs_url",
        url=f"{base}/ninjs-live.json",
        edition="ru",
        credit="ТАСС",
        section=SectionFactory(edition="ru", slug="mir"),
    )
    wire_ingest(source=source)
    story = Article.objects.get(title="Harvest beats forecast")
    story.status = Article.Status.PUBLISHED
    article_save(article=story)

    serve(folder, "ninjs-live.json", "ninjs-kill.json")
    assert wire_ingest(source=source).killed == 1

    story.refresh_from_db()
    assert (story.status, story.withdrawal_note) == (Article.Status.WITHDRAWN, "Материал отозван агентством ТАСС.")


def test_a_killed_story_answers_410_with_the_note(client, newsroom, wire_server):
    base, folder = wire_server
    serve(folder, "ninjs-live.json", "ninjs.json")
    source = WireSource.objects.create(
        name="Partner",
        kind="ninjs_url",
        url=f"{base}/ninjs-live.json",
        edition="en",
        credit="Reuters",
        section=newsroom["world"],
    )
    wire_ingest(source=source)
    story = Article.objects.get(title="Harvest beats forecast")
    story.status = Article.Status.PUBLISHED
    article_save(article=story)
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200

    serve(folder, "ninjs-live.json", "ninjs-kill.json")
    wire_ingest(source=source)

    response = client.get(url)
    assert response.status_code == 410
    assert "Withdrawn by Reuters." in response.content.decode()
    assert "Farmers gathered a record crop." not in response.content.decode()


def test_a_kill_of_a_story_not_yet_published_leaves_it_with_the_desk(newsroom, wire_server):
    base, folder = wire_server
    serve(folder, "ninjs-live.json", "ninjs.json")
    source = WireSource.objects.create(
        name="Partner",
        kind="ninjs_url",
        url=f"{base}/ninjs-live.json",
        edition="en",
        credit="Reuters",
        section=newsroom["world"],
    )
    wire_ingest(source=source)

    serve(folder, "ninjs-live.json", "ninjs-kill.json")
    assert wire_ingest(source=source).killed == 1

    story = Article.objects.get(title="Harvest beats forecast")
    assert story.status == Article.Status.DRAFT
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.WITHDRAW).exists()


def test_newsml_directory_new_version_repeat_and_kill(newsroom, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "item.xml").write_bytes((FIXTURES / "newsml/item-v1.xml").read_bytes())
    source = WireSource.objects.create(
        name="Files", kind="directory", directory=str(folder), edition="en", section=newsroom["world"], credit="AP"
    )

    assert wire_ingest(source=source).new == 1
    quake = Article.objects.get(title="Earthquake shakes the coast")
    assert quake.lead == "No damage was reported." and "magnitude 5 shook" in quake.body
    assert quake.urgency == Article.Urgency.URGENT  # NewsML-G2 urgency 2

    assert wire_ingest(source=source).skipped == 1
    (folder / "item.xml").write_bytes((FIXTURES / "newsml-v2.xml").read_bytes())
    assert wire_ingest(source=source).updated == 1
    quake.refresh_from_db()
    assert "magnitude 5.2" in quake.body
    item = WireItem.objects.get(guid="urn:newsml:example:20261201:quake")
    assert [v["version"] for v in item.versions] == ["1", "2"]

    (folder / "item.xml").write_bytes((FIXTURES / "newsml/item-v1.xml").read_bytes())
    assert wire_ingest(source=source).skipped == 1  # an older version never overwrites a newer one

    (folder / "kill.xml").write_bytes((FIXTURES / "newsml-kill.xml").read_bytes())
    assert wire_ingest(source=source).killed == 1
    assert WireItem.objects.get(pk=item.pk).killed_at is not None


def test_the_admin_lists_sources_and_each_run_with_its_errors(admin_client, newsroom, wire_server):
    base, _folder = wire_server
    source = feed_source(newsroom, f"{base}/feed.rss")
    response = admin_client.post("/admin/articles/wiresource/", {"action": "run_now", "_selected_action": [source.pk]})
    assert response.status_code == 302
    run = WireRun.objects.get(source=source)
    assert (run.new, run.failed) == (2, 1)
    assert admin_client.get("/admin/articles/wiresource/").status_code == 200
    assert admin_client.get(f"/admin/articles/wiresource/{source.pk}/change/").status_code == 200
    assert admin_client.get("/admin/articles/wireitem/").status_code == 200
    assert (
        "wire-no-title: no headline" in admin_client.get(f"/admin/articles/wirerun/{run.pk}/change/").content.decode()
    )


def test_a_file_uploaded_on_the_source_form_is_ingested_at_once(admin_client, newsroom):
    source = WireSource.objects.create(
        name="Desk drop",
        kind="directory",
        directory="/nonexistent",
        edition="en",
        section=newsroom["world"],
        credit="AP",
    )
    with open(FIXTURES / "newsml/item-v1.xml", "rb") as upload:
        response = admin_client.post(
            f"/admin/articles/wiresource/{source.pk}/change/",
            {
                "name": "Desk drop",
                "kind": "directory",
                "directory": "/nonexistent",
                "edition": "en",
                "section": newsroom["world"].pk,
                "credit": "AP",
                "is_active": "on",
                "upload": upload,
                "mappings-TOTAL_FORMS": "0",
                "mappings-INITIAL_FORMS": "0",
            },
            follow=True,
        )
    assert "Desk drop: 1 new" in response.content.decode()
    assert Article.objects.get(title="Earthquake shakes the coast").source_name == "AP"
