"""The editors' side: the story, photo and section admin as an editor uses it."""

import io
import re
import struct
import zlib
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import post_migrate
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles.models import Article, Photo
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"
PHOTO_ADD_URL = "/admin/articles/photo/add/"


class FormFields(HTMLParser):
    """What a browser would send for one form of a page: its fields with their current values."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.fields = {}
        self._select = None
        self._textarea = None

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(response, form_id="article_form"):
    parser = FormFields(form_id)
    parser.feed(response.content.decode())
    assert parser.fields, f"no form #{form_id} on the page"
    # The admin renders a textarea's value after a newline; browsers drop it.
    return {
        name: values if len(values) != 1 else values[0].removeprefix("\n") for name, values in parser.fields.items()
    }


def local_date_time(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": local.strftime("%Y-%m-%d"), "published_at_1": local.strftime("%H:%M:%S")}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw-moderator-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def reader():
    return Client()


def add_story(editor_client, in_section, **fields):
    """Fill the add form as the page gives it, change what an editor types, and save."""
    data = form_fields(editor_client.get(ADD_URL))
    data.update(
        {
            "edition": in_section.edition,
            "section": str(in_section.pk),
            "title": "Parliament passes the budget",
            "slug": "parliament-passes-the-budget",
            "lead": "Lawmakers approved the spending plan after a long night.",
            "body": "<p>The bill passed with a comfortable majority.</p>",
            "status": "draft",
        }
    )
    data.update(fields)
    return editor_client.post(ADD_URL, data)


# Writing and publishing stories


def test_editor_writes_a_draft_schedules_it_and_publishes_it_now(editor_client, reader):
    section = SectionFactory(slug="politics")
    author = AuthorFactory(name="Anna Petrova")
    Tag.objects.create(name="Budget")
    budget = Tag.objects.get(name="Budget")

    response = add_story(
        editor_client,
        section,
        authors=[str(author.pk)],
        existing_tags=[str(budget.pk)],
        new_tags="State Duma, taxes",
        **{
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-position": "1",
            "related_links-0-url": "https://example.org/budget-2027.pdf",
            "related_links-0-title": "The bill in full",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(slug="parliament-passes-the-budget")
    assert story.status == Article.Status.DRAFT
    assert list(story.authors.all()) == [author]
    assert sorted(story.tags.names()) == ["Budget", "State Duma", "taxes"]
    assert [link.title for link in story.related_links.all()] == ["The bill in full"]
    assert reader.get(story.get_absolute_url()).status_code == 404

    # Schedule it: a publication time two hours from now.
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    page = editor_client.get(change_url)
    assert page.status_code == 200
    data = form_fields(page)
    assert data["related_links-INITIAL_FORMS"] == "1"
    due = (timezone.now() + timedelta(hours=2)).replace(microsecond=0, second=0)
    data.update(status="published", **local_date_time(due))
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert story.published_at == due
    assert sorted(story.tags.names()) == ["Budget", "State Duma", "taxes"], "saving again keeps the tags"
    assert reader.get(story.get_absolute_url()).status_code == 404
    listing = editor_client.get(CHANGELIST_URL)
    assert re.search(r'<td class="field-state">Scheduled</td>', listing.content.decode())
    page = editor_client.get(change_url)
    assert "Scheduled: the story appears by itself at" in page.content.decode()

    with time_machine.travel(due + timedelta(minutes=1)):
        page = reader.get(story.get_absolute_url())
        assert page.status_code == 200
        assert "Parliament passes the budget" in page.content.decode()

    # Back in the present the desk decides not to wait.
    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish_now", "_selected_action": [story.pk]}, follow=True
    )
    assert messages_of(response) == ["1 story published."]
    story.refresh_from_db()
    assert story.is_live
    assert story.published_at <= timezone.now()
    assert reader.get(story.get_absolute_url()).status_code == 200


def test_publish_now_leaves_live_stories_as_they_were(editor_client, reader):
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    live = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    original_time = live.published_at

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk, live.pk]},
        follow=True,
    )

    assert messages_of(response) == ["2 stories published. 1 was live already."]
    for story in (draft, scheduled):
        story.refresh_from_db()
        assert story.is_live
        assert reader.get(story.get_absolute_url()).status_code == 200
    live.refresh_from_db()
    assert live.published_at == original_time
    history = editor_client.get(reverse("admin:articles_article_history", args=[draft.pk]))
    assert "Changed Status and Publication time." in history.content.decode()


def test_unpublish_takes_a_story_off_the_site(editor_client, reader):
    story = ArticleFactory()
    other_draft = ArticleFactory(draft=True)

    response = editor_client.post(
        CHANGELIST_URL, {"action": "unpublish", "_selected_action": [story.pk, other_draft.pk]}, follow=True
    )

    assert messages_of(response) == ["1 story moved back to drafts; readers no longer see it. 1 was a draft already."]
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert reader.get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("action", "field", "before", "after", "message"),
    [
        ("feature", "is_featured", False, True, "2 stories featured."),
        ("unfeature", "is_featured", True, False, "2 stories no longer featured."),
        ("pin", "is_pinned", False, True, "2 stories pinned."),
        ("unpin", "is_pinned", True, False, "2 stories unpinned."),
    ],
)
def test_flag_actions_say_how_many_changed(editor_client, action, field, before, after, message):
    stories = [ArticleFactory(**{field: before}) for _ in range(2)]

    response = editor_client.post(
        CHANGELIST_URL, {"action": action, "_selected_action": [s.pk for s in stories]}, follow=True
    )

    assert messages_of(response) == [message]
    assert all(getattr(Article.objects.get(pk=s.pk), field) is after for s in stories)


def test_corrections_are_added_inline_and_mark_the_story_updated(editor_client, reader):
    story = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    change_url = reverse("admin:articles_article_change", args=[story.pk])
    data = form_fields(editor_client.get(change_url))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "update",
            "corrections-0-text": "Adds the upper house's vote.",
            "corrections-0-created_at_0": timezone.localdate().isoformat(),
            "corrections-0-created_at_1": "09:30:00",
        }
    )

    response = editor_client.post(change_url, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    correction = story.corrections.get()
    assert correction.kind == "update"
    story.refresh_from_db()
    assert story.updated_at == correction.created_at
    assert "Adds the upper house&#x27;s vote." in reader.get(story.get_absolute_url()).content.decode()


def test_a_story_needs_a_slug_and_a_section_even_as_a_draft(editor_client):
    section = SectionFactory()

    response = add_story(editor_client, section, slug="", section="")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"slug", "section"}
    assert not Article.objects.exists()


def test_section_of_another_edition_is_refused(editor_client):
    russian = SectionFactory(edition="ru", slug="politika")

    response = add_story(editor_client, russian, edition="en")

    assert response.status_code == 200
    assert "The section belongs to another edition." in response.content.decode()
    assert not Article.objects.exists()


def test_body_is_sanitised_when_submitted_through_the_form(editor_client):
    section = SectionFactory()
    body = (
        '<p onclick="steal()">Vote <a href="javascript:alert(1)">results</a></p>'
        "<script>alert(document.cookie)</script><img src=x onerror=alert(2)>"
        '<h2 style="color:red">Reaction</h2>'
    )

    response = add_story(editor_client, section, body=body)

    assert response.status_code == 302
    saved = Article.objects.get().body
    assert "script" not in saved
    assert "onclick" not in saved
    assert "onerror" not in saved
    assert "javascript:" not in saved
    assert "style=" not in saved
    assert "<p>Vote <a" in saved
    assert "<h2>Reaction</h2>" in saved


def test_new_tags_that_are_too_long_are_a_form_error(editor_client):
    response = add_story(editor_client, SectionFactory(), new_tags="budget, " + "x" * 101)

    assert response.status_code == 200
    assert "A tag can be at most 100 characters long" in response.content.decode()
    assert not Article.objects.exists()


def test_typing_an_existing_tag_reuses_it(editor_client):
    existing = Tag.objects.create(name="Budget")

    add_story(editor_client, SectionFactory(), new_tags="budget")

    assert list(Article.objects.get().tags.all()) == [existing]
    assert Tag.objects.count() == 1


def test_tag_autocomplete_answers_editors(editor_client):
    assert isinstance(admin.site._registry[Tag], TagAdmin)
    assert admin.site._registry[Tag].search_fields
    Tag.objects.create(name="Budget")
    Tag.objects.create(name="Elections")

    response = editor_client.get(
        "/admin/autocomplete/", {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "bud"}
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Budget"]


@pytest.mark.parametrize("field_name", ["section", "authors", "image"])
def test_story_autocompletes_answer_editors(editor_client, field_name):
    SectionFactory(name="Politics")
    AuthorFactory(name="Politkovsky")
    PhotoFactory(caption="Politicians at the door")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": field_name, "term": "polit"},
    )

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_related_story_autocomplete_finds_our_stories(editor_client):
    ArticleFactory(title="Budget passes the upper house")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "relatedlink", "field_name": "target", "term": "upper house"},
    )

    assert [item["text"] for item in response.json()["results"]] == ["Budget passes the upper house"]


# Preview ("View on site")


@pytest.mark.parametrize(("edition", "section_slug"), [("en", "politics"), ("ru", "politika")])
def test_view_on_site_previews_a_draft_for_staff_only(editor_client, reader, edition, section_slug):
    story = ArticleFactory(draft=True, edition=edition, section__slug=section_slug, title="Secret budget plan")
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    link = re.search(r'<a href="([^"]+)" class="viewsitelink">', page.content.decode())
    assert link, "the change page offers View on site"

    assert link.group(1) == story.get_absolute_url()
    assert link.group(1).startswith(f"/{edition}/{section_slug}/{story.pk}-")

    preview = editor_client.get(link.group(1))

    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'class="preview-banner"' in html
    assert "Secret budget plan" in html
    assert preview["Cache-Control"] == "private, no-store"
    assert reader.get(story.get_absolute_url()).status_code == 404


def test_view_on_site_of_a_scheduled_story_says_when_it_appears(editor_client, reader):
    story = ArticleFactory(scheduled=True)
    preview = editor_client.get(story.get_absolute_url())

    assert "Scheduled: readers will see this story from" in preview.content.decode()
    assert reader.get(story.get_absolute_url()).status_code == 404


# The change page's own assets


def test_story_form_assets_are_ours_and_the_editor_script_runs_under_the_csp(editor_client):
    response = editor_client.get(ADD_URL)
    html = response.content.decode()

    urls = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', html)
    assert any("django_prose_editor/" in url for url in urls)
    assert all(url.startswith(("/static/", "/admin/")) for url in urls), urls
    media = str(response.context["media"])
    assert all(url.startswith("/static/") for url in re.findall(r'(?:src|href)="([^"]+)"', media))
    assert "http" not in media

    # The import map is inline, so it needs the nonce the CSP header allows.
    importmap = re.search(r'<script type="importmap" nonce="([^"]+)">(.*?)</script>', html, re.S)
    assert importmap, "the body editor's import map is on the page, with a nonce"
    assert '"/static/django_prose_editor/editor.js"' in importmap.group(2)
    assert f"'nonce-{importmap.group(1)}'" in response["Content-Security-Policy"]


def test_only_the_story_form_gets_a_script_nonce(editor_client):
    response = editor_client.get(CHANGELIST_URL)

    assert "nonce-" not in response["Content-Security-Policy"]


# Photos


def upload(editor_client, image, **fields):
    return editor_client.post(
        PHOTO_ADD_URL, {"image": image, "alt_text": "Delegates vote", "caption": "", "credit": "", **fields}
    )


def png_file(name, size):
    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_header_only(name, width, height):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    content = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_editor_uploads_a_photo_and_sees_its_thumbnail(editor_client):
    response = upload(editor_client, image_file("hall.jpg", size=(1200, 800)))

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1200, 800)
    listing = editor_client.get("/admin/articles/photo/").content.decode()
    thumbnail = re.search(r'<img src="([^"]+)" alt="Delegates vote" width="96" height="64"', listing)
    assert thumbnail
    assert thumbnail.group(1) == photo.w320.url
    assert thumbnail.group(1).startswith("/media/renditions/")


def test_picture_is_named_after_its_content(editor_client):
    response = upload(editor_client, png_file("actually-a-png.jpg", (800, 600)))

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.png", photo.image.name)
    assert photo.original_filename == "actually-a-png.jpg"


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (
            lambda: SimpleUploadedFile(
                "notes.jpg", b"Minutes of the meeting, not a picture.\n" * 50, content_type="image/jpeg"
            ),
            "This file is not a picture (JPEG, PNG or WebP).",
        ),
        (lambda: image_file("anim.gif", fmt="GIF"), "GIF pictures are not accepted; upload JPEG, PNG or WebP."),
        (
            lambda: image_file("thumb.jpg", size=(200, 300)),
            "The picture is 200 pixels wide; it must be at least 320 pixels wide.",
        ),
        (
            # The header claims 144 megapixels and no pixel data follows: only a refusal
            # from the header alone gives this message (decoding would find it damaged).
            lambda: png_header_only("poster.png", 12_000, 12_000),
            "The picture is 12000×12000 pixels; the limit is 24 megapixels. Make it smaller.",
        ),
        (
            # Past Pillow's own bomb limit, where Image.open itself refuses.
            lambda: png_header_only("bomb.png", 20_000, 20_000),
            "The picture has far more than 24 megapixels. Make it smaller.",
        ),
        (
            lambda: SimpleUploadedFile("cut.jpg", image_file(size=(800, 600)).read()[:2000], content_type="image/jpeg"),
            "The picture is damaged or incomplete and cannot be read.",
        ),
    ],
    ids=["text-named-jpg", "gif", "too-narrow", "too-many-pixels", "bomb", "truncated"],
)
def test_bad_uploads_are_refused_with_a_message(editor_client, make_file, message):
    response = upload(editor_client, make_file())

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [message]
    assert message in response.content.decode()
    assert not Photo.objects.exists()


@override_settings(PHOTO_MAX_BYTES=20_000)
def test_files_over_the_byte_limit_are_refused(editor_client):
    # Noise does not compress: a real photo's worth of bytes.
    buffer = io.BytesIO()
    Image.effect_noise((1200, 800), 100).convert("RGB").save(buffer, "JPEG", quality=95)
    big = SimpleUploadedFile("big.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = upload(editor_client, big)

    assert response.status_code == 200
    assert re.search(
        r"The file is [\d.]+\xa0[KM]B; the limit is 19\.5\xa0KB\.",
        response.context["adminform"].form.errors["image"][0],
    )
    assert not Photo.objects.exists()


@override_settings(PHOTO_MAX_PIXELS=100_000, PHOTO_MIN_WIDTH=100)
def test_pixel_and_width_limits_follow_the_settings(editor_client):
    response = upload(editor_client, image_file(size=(400, 300)))

    assert response.context["adminform"].form.errors["image"] == [
        "The picture is 400×300 pixels; the limit is 0.1 megapixels. Make it smaller."
    ]
    assert upload(editor_client, image_file(size=(300, 200))).status_code == 302


# Sections and authors


def test_section_positions_are_edited_in_the_list(editor_client):
    news = SectionFactory(name="News", slug="news", position=1)
    world = SectionFactory(name="World", slug="world", position=2)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(news.pk),
        "form-0-position": "5",
        "form-1-id": str(world.pk),
        "form-1-position": "2",
        "_save": "Save",
    }

    response = editor_client.post("/admin/articles/section/?edition__exact=en", data)

    assert response.status_code == 302
    news.refresh_from_db()
    assert news.position == 5


def test_author_search_and_add_form(editor_client):
    AuthorFactory(name="Anna Petrova", title="Correspondent")
    AuthorFactory(name="Boris Ivanov")

    listing = editor_client.get("/admin/articles/author/", {"q": "petrova"})

    assert listing.context["cl"].result_count == 1
    add = editor_client.get("/admin/articles/author/add/").content.decode()
    assert "&quot;#id_slug&quot;" in add
    assert "&quot;#id_name&quot;" in add


# Who may do what


def test_editors_cannot_manage_users(editor_client, editor):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    assert not [perm for perm in editor.get_all_permissions() if perm.startswith("auth.")]


def test_moderators_can_read_stories_but_not_change_them(client, moderator):
    story = ArticleFactory(title="Original headline")
    client.force_login(moderator)
    change_url = reverse("admin:articles_article_change", args=[story.pk])

    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"title": "Hijacked"}).status_code == 403
    assert client.get(ADD_URL).status_code == 403
    listing = client.get(CHANGELIST_URL)
    assert listing.status_code == 200
    assert 'name="action"' not in listing.content.decode(), "no actions for a reader of stories"
    client.post(CHANGELIST_URL, {"action": "unpublish", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert story.title == "Original headline"
    assert client.get("/admin/auth/user/").status_code == 403


def test_groups_get_permissions_of_models_added_later():
    """A later model's permissions reach the groups after migrate, without a new data migration."""
    content_type, _ = ContentType.objects.get_or_create(app_label="articles", model="futurequeue")
    for action in ("add", "change", "delete", "view"):
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_futurequeue", defaults={"name": action}
        )
    articles = apps.get_app_config("articles")

    post_migrate.send(
        sender=articles, app_config=articles, verbosity=0, interactive=False, using="default", apps=apps, plan=[]
    )

    def codenames(group):
        return set(
            Group.objects.get(name=group)
            .permissions.filter(content_type=content_type)
            .values_list("codename", flat=True)
        )

    assert codenames("Editors") == {"view_futurequeue"}
    assert codenames("Moderators") == set()


def test_editors_write_editorial_models_and_only_look_at_the_rest(editor):
    from articles.desk.permissions import EDITORIAL_MODELS

    perms = editor.get_all_permissions()
    for model in apps.get_app_config("articles").get_models():
        name = model._meta.model_name
        if not model._meta.default_permissions:
            # Kept by the code alone (the editions' search configurations): nobody's to see or edit.
            assert not any(perm.endswith(f"_{name}") for perm in perms)
            continue
        # Partners' API keys are the administrators' alone: editors do not even see them.
        assert (f"articles.view_{name}" in perms) is (name != "apikey")
        # Readers' votes and view counts are kept by services, never edited by hand.
        assert (f"articles.change_{name}" in perms) is (name in EDITORIAL_MODELS)
    assert {f"taggit.{action}_tag" for action in ("add", "change", "delete", "view")} <= perms


# Lists, filters, search and the index


@pytest.mark.parametrize(
    "query",
    [
        {"state": "draft"},
        {"state": "scheduled"},
        {"state": "live"},
        {"published": "today"},
        {"published": "yesterday"},
        {"published": "week"},
        {"published": "month"},
        {"published": "upcoming"},
        {"published": "none"},
        {"edition__exact": "ru"},
        {"is_featured__exact": "1"},
        {"is_pinned__exact": "0"},
        {"q": "budget"},
        {"published_at__year": "2026"},
        {"state": "nonsense"},
    ],
)
def test_filters_and_search_answer(editor_client, query):
    ArticleFactory(title="Budget passes")
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True, edition="ru", section__slug="politika")

    assert editor_client.get(CHANGELIST_URL, query).status_code == 200


def test_state_filter_sorts_stories_as_readers_see_them(editor_client):
    live = ArticleFactory(title="Live story")
    draft = ArticleFactory(draft=True, title="Draft story")
    scheduled = ArticleFactory(scheduled=True, title="Scheduled story")

    def listed(**query):
        return list(editor_client.get(CHANGELIST_URL, query).context["cl"].result_list)

    assert listed(state="draft") == [draft]
    assert listed(state="scheduled") == [scheduled]
    assert listed(state="live") == [live]
    assert listed(q="scheduled") == [scheduled]


def test_publication_date_filter_counts_days_in_the_site_time_zone(editor_client):
    # 00:30 in Moscow is still the previous day in UTC: it belongs to today.
    with time_machine.travel("2026-11-25 12:00 +03:00", tick=False):
        just_after_midnight = ArticleFactory(
            published_at=timezone.now().replace(hour=21, minute=30) - timedelta(days=1)
        )
        yesterday = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
        monday = ArticleFactory(published_at=timezone.now() - timedelta(days=2))  # 2026-11-23 is a Monday
        last_week = ArticleFactory(published_at=timezone.now() - timedelta(days=3))

        def listed(value):
            return set(editor_client.get(CHANGELIST_URL, {"published": value}).context["cl"].result_list)

        assert listed("today") == {just_after_midnight}
        assert listed("yesterday") == {yesterday}
        assert listed("week") == {just_after_midnight, yesterday, monday}
        assert last_week in listed("month")


def test_story_list_queries_do_not_grow_with_the_stories(editor_client):
    ArticleFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CHANGELIST_URL)
    ArticleFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(CHANGELIST_URL)

    assert response.context["cl"].result_count == 33
    assert len(many) == len(few)


def test_admin_index_shows_what_waits(editor_client, client, moderator):
    ArticleFactory.create_batch(2, draft=True)
    ArticleFactory(scheduled=True)
    ArticleFactory()

    html = editor_client.get("/admin/").content.decode()

    assert re.search(r'<a href="/admin/articles/article/\?state=draft">Story drafts</a></th>\s*<td>2</td>', html)
    assert re.search(
        r'<a href="/admin/articles/article/\?state=scheduled">Scheduled stories</a></th>\s*<td>1</td>', html
    )
    client.force_login(moderator)
    assert "Story drafts" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    "name", ["../../traversal.png", "shell.php.png", "x" * 300 + ".png", "снимок с пробелами.png", "..png"]
)
def test_uploads_are_stored_under_names_of_our_own(editor_client, name):
    response = upload(editor_client, png_file(name, (800, 600)))

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.png", photo.image.name)
    assert photo.original_filename  # kept for the desk, as metadata only
    assert len(photo.original_filename) <= 255


def test_renditions_of_a_big_jpeg_decode_only_what_they_need():
    from io import BytesIO

    from articles.models import DecodeReduced

    buffer = BytesIO()
    Image.new("RGB", (4000, 3000), (90, 120, 30)).save(buffer, "JPEG")
    buffer.seek(0)
    with Image.open(buffer) as image:
        reduced = DecodeReduced(320).process(image)
        reduced.load()
        # The decoder's smallest scale (1/8) still at least 320 wide: a 64th of the pixels decoded.
        assert reduced.size == (500, 375)
