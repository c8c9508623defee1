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

from articles.models import Article, ArticleDailyViews, Author, Correction, Photo, Ranking, RelatedLink, Section, Vote
from articles.sanitizer import sanitize_body
from comments.models import Comment
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


# The home page's query budget (tests/articles/test_query_counts.py), here with a whole showcase on it.
HOME_QUERIES = 4


def linked_story_ids(page, edition):
    return {int(pk) for pk in re.findall(rf'href="/{edition}/[a-z0-9-]+/(\d+)-[a-z0-9-]+/"', page)}


def words(text):
    return re.findall(r"\w+", text.lower())


def longest_shared_run(first, second):
    """The longest run of words the two texts have in common, in the same order."""
    a, b = words(first), words(second)
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            run = 0
            while i + run < len(a) and j + run < len(b) and a[i + run] == b[j + run]:
                run += 1
            best = max(best, run)
    return best


def assert_no_near_duplicates(titles):
    """No two headlines the same once figures are set aside, nor sharing most of their words."""
    shapes = [re.sub(r"\d+([.,]\d+)?", "#", title.lower()) for title in titles]
    assert len(set(shapes)) == len(shapes), sorted(shapes)
    word_sets = [set(words(shape)) for shape in shapes]
    for i, first in enumerate(word_sets):
        for second in word_sets[i + 1 :]:
            assert len(first & second) / len(first | second) < 0.5, (first, second)


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
            assert not live.filter(image__isnull=True).exists()
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
        photos = Photo.objects.exclude(image__startswith="photos/demo/authors/")
        assert len({photo.image.name for photo in photos}) == 24
        for photo in photos:
            assert photo.alt_text and photo.caption and photo.credit
            assert (photo.width, photo.height) == (320, 213)
            assert default_storage.exists(photo.image.name)
            assert default_storage.exists(photo.w320.name)
        assert Photo.objects.filter(alt_text__startswith="Иллюстрация:").count() == 24

    def test_some_authors_have_portraits_others_not(self):
        authors = list(Author.objects.select_related("photo"))
        with_photo = [author for author in authors if author.photo]
        assert 0 < len(with_photo) < len(authors)
        for author in with_photo:
            assert author.name in author.photo.alt_text
            assert default_storage.exists(author.photo.w320.name)
        response = self.client.get(with_photo[0].get_absolute_url())
        assert response.status_code == 200
        assert "author-card__photo" in response.content.decode()

    def test_a_reader_can_open_a_seeded_story(self):
        story = Article.objects.published().in_edition("ru").filter(image__isnull=False).exclude(tags=None).first()
        response = self.client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert story.title in response.content.decode()
        tag = story.tags.first()
        assert self.client.get(f"/ru/tags/{tag.slug}/").status_code == 200

    def test_a_home_page_shows_no_headline_twice_nor_two_that_differ_only_in_figures(self):
        for edition in EDITIONS:
            with self.settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
                self.client.get(f"/{edition}/")  # warms the cached sections and ranked lists
                with self.assertNumQueries(HOME_QUERIES):
                    page = self.client.get(f"/{edition}/").content.decode()
            shown = Article.objects.filter(pk__in=linked_story_ids(page, edition))
            titles = list(shown.values_list("title", flat=True))
            assert len(titles) >= 20
            assert_no_near_duplicates(titles)

    def test_no_section_page_shows_two_versions_of_one_story(self):
        for section in Section.objects.all():
            page = self.client.get(section.get_absolute_url()).content.decode()
            titles = Article.objects.filter(pk__in=linked_story_ids(page, section.edition)).values_list("title")
            assert_no_near_duplicates([title for (title,) in titles])

    def test_every_home_block_shows_at_once(self):
        home = {edition: self.client.get(f"/{edition}/").content.decode() for edition in EDITIONS}
        for block in ("most-read-title", "top-rated-title", "most-discussed-title"):
            assert all(f'id="{block}"' in page for page in home.values()), block

    def test_neighbouring_cards_have_different_pictures(self):
        for edition in EDITIONS:
            page = self.client.get(f"/{edition}/").content.decode()
            pictures = re.findall(r'<img[^>]+src="([^"]+)"', page)
            assert len(pictures) > 5
            assert all(left != right for left, right in zip(pictures, pictures[1:], strict=False))
            assert len(set(pictures)) > len(pictures) * 0.6

    def test_stories_are_linked_to_their_translations_published_at_the_same_time(self):
        english = Article.objects.in_edition("en")
        assert english.count() == Article.objects.in_edition("ru").count()
        for story in english:
            (translation,) = Article.objects.filter(translation_group=story.translation_group).exclude(pk=story.pk)
            assert story.translation_group is not None
            assert translation.edition == "ru"
            assert translation.published_at == story.published_at
            assert translation.status == story.status
        story = english.filter(is_pinned=True).get()
        translation = Article.objects.in_edition("ru").get(translation_group=story.translation_group)
        page = self.client.get(story.get_absolute_url()).content.decode()
        assert translation.get_absolute_url() in page  # the edition switch lands on the translation

    def test_leads_say_more_than_their_headline(self):
        for title, lead in Article.objects.values_list("title", "lead"):
            headline = words(title)
            assert words(lead)[:3] != headline[:3], (title, lead)
            assert longest_shared_run(title, lead) < 0.6 * len(headline), (title, lead)

    def test_bodies_run_to_several_paragraphs_of_more_than_one_sentence(self):
        for body in Article.objects.values_list("body", flat=True):
            paragraphs = re.findall(r"(?<!<blockquote>)<p>(.*?)</p>", body)
            assert len(paragraphs) >= 3
            assert all(len(re.findall(r"[.!?»”](?:\s|$)", paragraph)) >= 2 for paragraph in paragraphs), body

    def test_authors_have_a_biography_on_their_page(self):
        for author in Author.objects.all():
            assert len(author.bio) > 60
        author = Author.objects.get(slug="maria-sokolova")
        assert author.bio in self.client.get(author.get_absolute_url()).content.decode()

    def test_discussions_have_replies_and_editors_picks(self):
        visible = Comment.objects.visible()
        assert visible.filter(parent__isnull=False).exists()
        pick = visible.filter(is_pick=True, parent__isnull=True).select_related("article").first()
        assert pick is not None
        page = self.client.get(pick.article.get_absolute_url()).content.decode()
        assert "comment--pick" in page
        for edition in EDITIONS:
            assert visible.filter(article__edition=edition).count() > 100

    def test_votes_and_views_add_up(self):
        for story in Article.objects.published().filter(rating_count__gt=0)[:20]:
            votes = list(story.votes.values_list("score", flat=True))
            assert (story.rating_count, story.rating_sum) == (len(votes), sum(votes))
        assert ArticleDailyViews.objects.filter(date=timezone.localdate()).exists()
        assert Ranking.objects.filter(kind=Ranking.Kind.MOST_DISCUSSED).count() == 2 * 5

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
def test_an_edition_seeded_later_gets_its_own_readers():
    seed("--edition", "en")
    english_votes = Vote.objects.count()

    output = seed()

    assert "en edition already has sections" in output and "Seeded the ru edition" in output
    assert Vote.objects.count() > english_votes
    assert Vote.objects.filter(article__edition="ru").exists()
    assert ArticleDailyViews.objects.filter(article__edition="ru").exists()


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
