"""The demo content: the one-off showcase (`seed_demo`) and bulk stories (`--articles`)."""

import random
import re
import shutil
import tempfile
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import TestCase, override_settings
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Correction, Photo, RelatedLink, Section
from articles.sanitizer import sanitize_body
from demo.writer import StoryWriter, ascii_slug

# Small pictures keep the tests quick; the demo itself draws them 1600 pixels wide.
IMAGE_WIDTH = "320"
EDITIONS = ("en", "ru")
# A media folder of our own: the shared one is emptied whenever any test session ends, and the
# seed reuses pictures it finds on disk.
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsportal-seed-media-")


@pytest.fixture(autouse=True, scope="module")
def _remove_media_root():
    yield
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _own_media_root(settings):
    settings.MEDIA_ROOT = MEDIA_ROOT


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--image-width", IMAGE_WIDTH, *args, stdout=out)
    return out.getvalue()


@override_settings(MEDIA_ROOT=MEDIA_ROOT)
class ShowcaseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = seed()

    def test_each_edition_has_sections_with_ascii_slugs(self):
        for edition in EDITIONS:
            sections = Section.objects.filter(edition=edition)
            assert sections.count() >= 5
            assert all(re.fullmatch(r"[a-z0-9-]+", section.slug) for section in sections)
        assert Section.objects.get(edition="en", slug="politics").name == "Politics"
        assert Section.objects.get(edition="ru", slug="politika").name == "Политика"
        assert Section.objects.get(edition="ru", slug="v-mire").name == "В мире"

    def test_each_edition_has_sixty_live_stories_over_a_month_in_every_section(self):
        now = timezone.now()
        for edition in EDITIONS:
            live = Article.objects.published().in_edition(edition)
            assert live.count() >= 60
            assert live.values("section").distinct().count() >= 5
            oldest = live.order_by("published_at").first().published_at
            assert timezone.timedelta(days=20) < now - oldest <= timezone.timedelta(days=31)

    def test_scheduled_and_draft_stories_wait_out_of_sight(self):
        for edition in EDITIONS:
            stories = Article.objects.in_edition(edition)
            assert stories.scheduled().exists()
            assert stories.filter(status=Article.Status.DRAFT).exists()
            assert stories.count() > stories.published().count()

    def test_stories_carry_images_bylines_wire_copy_tags_and_sources(self):
        for edition in EDITIONS:
            live = Article.objects.published().in_edition(edition)
            assert live.filter(image__isnull=False).count() > live.count() * 0.8
            assert live.filter(authors__isnull=False).distinct().count() > live.count() / 2
            assert live.filter(authors__isnull=True).exists(), "some wire copy without a byline"
            assert live.exclude(source_name="").exists()
            assert not live.annotate(tag_count=Count("tags")).filter(tag_count=0).exists()
            assert live.filter(is_pinned=True).count() == 1
            assert live.filter(is_featured=True).count() >= 5

    def test_related_links_point_to_live_stories_of_the_edition_and_outside(self):
        for edition in EDITIONS:
            links = RelatedLink.objects.filter(article__edition=edition)
            internal = links.filter(target__isnull=False)
            assert internal.exists()
            assert not internal.exclude(target__in=Article.objects.published().in_edition(edition)).exists()
            assert links.filter(target__isnull=True).exclude(url="").exclude(title="").exists()

    def test_corrections_mark_their_stories_updated(self):
        for edition in EDITIONS:
            corrections = Correction.objects.filter(article__edition=edition)
            assert corrections.count() >= 2
            for correction in corrections:
                correction.article.refresh_from_db()
                assert correction.article.shows_update

    def test_bodies_are_paragraphs_the_sanitiser_keeps_as_they_are(self):
        bodies = Article.objects.values_list("body", flat=True)
        assert all(body.startswith("<p>") and sanitize_body(body) == body for body in bodies)
        assert any("<blockquote>" in body for body in bodies)
        assert any("<h2>" in body for body in bodies)

    def test_russian_stories_are_written_in_russian(self):
        story = Article.objects.published().in_edition("ru").first()
        for text in (story.title, story.lead, story.body):
            assert re.search("[а-яё]", text, re.IGNORECASE), text
        assert re.fullmatch(r"[a-z0-9-]+", story.slug)
        assert all(re.fullmatch(r"[a-z0-9-]+", tag.slug) for tag in Tag.objects.all())

    def test_photos_are_described_and_rendered(self):
        photos = Photo.objects.all()
        assert len({photo.image.name for photo in photos}) == 24
        for photo in photos:
            assert photo.alt_text and photo.caption and photo.credit
            assert (photo.width, photo.height) == (320, 213)
            assert default_storage.exists(photo.image.name)
            assert default_storage.exists(photo.w320.name)
        assert Photo.objects.filter(alt_text__startswith="Иллюстрация:").count() == 24

    def test_a_reader_can_open_a_seeded_story(self):
        story = Article.objects.published().in_edition("ru").filter(image__isnull=False).exclude(tags=None).first()
        response = self.client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert story.title in response.content.decode()
        tag = story.tags.first()
        assert self.client.get(f"/ru/tags/{tag.slug}/").status_code == 200

    def test_running_again_keeps_the_content_and_adds_nothing(self):
        before = (Section.objects.count(), Article.objects.count(), Photo.objects.count(), Author.objects.count())
        output = seed()
        assert "already has sections" in output
        after = (Section.objects.count(), Article.objects.count(), Photo.objects.count(), Author.objects.count())
        assert after == before


def test_the_same_seed_writes_the_same_stories():
    when = timezone.now()
    first = StoryWriter("ru", random.Random(7)).story("economy", when)
    second = StoryWriter("ru", random.Random(7)).story("economy", when)
    assert first == second


def test_russian_slugs_are_transliterated():
    assert ascii_slug("Общество") == "obshchestvo"
    assert ascii_slug("Жильё в Санкт-Петербурге: цены") == "zhilyo-v-sankt-peterburge-tseny"


@pytest.mark.django_db
def test_bulk_stories_are_valid_visible_and_uniquely_addressed():
    output = seed("--articles", "500", "--batch-size", "120")

    assert "500/500 stories" in output
    assert "Wrote 500 stories" in output
    assert Article.objects.count() == 500
    now = timezone.now()
    for edition in EDITIONS:
        stories = Article.objects.in_edition(edition)
        assert stories.count() == 250
        assert stories.values("slug").distinct().count() == 250
        due = stories.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        assert stories.published().count() == due.count() > 200
        assert Section.objects.filter(edition=edition).count() >= 5
    stories = list(Article.objects.prefetch_related("tags", "authors"))
    assert all(story.body and sanitize_body(story.body) == story.body for story in stories)
    assert all(story.tags.all() for story in stories)
    assert sum(bool(story.authors.all()) for story in stories) > 250


@pytest.mark.django_db
def test_bulk_stories_join_the_showcase_without_clashes():
    seed()
    sections, photos, stories = Section.objects.count(), Photo.objects.count(), Article.objects.count()

    seed("--articles", "300", "--edition", "ru")

    assert Article.objects.count() == stories + 300
    assert Article.objects.in_edition("en").count() == stories // 2
    assert (Section.objects.count(), Photo.objects.count()) == (sections, photos)
    ru = Article.objects.in_edition("ru")
    assert ru.values("slug").distinct().count() == ru.count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--articles", "0"], "above zero"),
        (["--articles", "many"], "above zero"),
        (["--edition", "fr"], "invalid choice"),
        (["--image-width", "100"], "at least 320"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", *args, stdout=StringIO())
    assert not Article.objects.exists()
