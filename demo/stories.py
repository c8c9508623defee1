"""Writing demo stories: the showcase a fresh install starts with, and bulk stories for benchmarks."""

import random
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import RENDITION_WIDTHS, Article, Author, Photo, RelatedLink, Section
from articles.services import correction_add

from .phrasebook import phrase_bank
from .pictures import PICTURES, describe, draw, draw_portrait
from .writer import Deck, StoryWriter, ascii_slug

PHOTO_DIR = "photos/demo"
DEFAULT_IMAGE_WIDTH = 1600

# The showcase: per edition, what a reader and an editor should find on a fresh install.
# Six sections of eleven bank stories each: every story of the bank once per edition.
SHOWCASE_LIVE = 60
SHOWCASE_SCHEDULED = 3
SHOWCASE_DRAFTS = 3
SHOWCASE_DAYS = 30

# Bulk stories: mostly live, a few drafts and scheduled ones, as on a real desk.
BULK_DRAFT_SHARE = 0.02
BULK_SCHEDULED_SHARE = 0.01
BULK_FEATURED_SHARE = 0.01


class SlugBook:
    """Hands out slugs unique within one edition, remembering those already taken."""

    def __init__(self, taken=()):
        self.taken = set(taken)
        self.next_suffix = {}

    def claim(self, title):
        base = ascii_slug(title) or "story"
        slug = base
        while slug in self.taken:
            suffix = self.next_suffix.get(base, 2)
            self.next_suffix[base] = suffix + 1
            slug = f"{base}-{suffix}"
        self.taken.add(slug)
        return slug


class TagBook:
    """Tags by name, created on first use with an ASCII slug (the tag URL accepts nothing else)."""

    def __init__(self, edition):
        self.edition = edition
        self.by_name = {}

    def get(self, name):
        key = name.lower()
        if key not in self.by_name:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                slug = base = ascii_slug(name, max_length=90) or "tag"
                suffix = 1
                while Tag.objects.filter(slug=slug).exists():
                    slug = f"{base}-{self.edition}" if suffix == 1 else f"{base}-{self.edition}-{suffix}"
                    suffix += 1
                tag = Tag.objects.create(name=name, slug=slug)
            self.by_name[key] = tag
        return self.by_name[key]


def demo_sections_ensure(*, edition):
    """(phrase-bank key, section) pairs: the edition's sections, created from the bank if it has none."""
    bank = phrase_bank("stories", edition)
    existing = list(Section.objects.filter(edition=edition))
    if not existing:
        existing = [
            Section.objects.create(
                edition=edition,
                name=section["name"],
                slug=section["slug"],
                description=section["description"],
                position=position,
            )
            for position, section in enumerate(bank.sections)
        ]
    keys_by_slug = {section["slug"]: section["key"] for section in bank.sections}
    fallback = [section["key"] for section in bank.sections]
    # Sections an editor made up get the bank's topics in turn.
    return [
        (keys_by_slug.get(section.slug, fallback[index % len(fallback)]), section)
        for index, section in enumerate(existing)
    ]


PORTRAIT_ALT = {"en": "Portrait of {name}", "ru": "{name}, портрет"}


def demo_authors_ensure(*, edition):
    authors = [
        Author.objects.get_or_create(
            slug=author["slug"], defaults={"name": author["name"], "title": author["title"], "bio": author["bio"]}
        )[0]
        for author in phrase_bank("stories", edition).authors
    ]
    # Most desks have portraits for some of their staff, not all: every other author here.
    for author in authors[::2]:
        if author.photo_id is None:
            author.photo = _portrait(author, edition)
            author.save(update_fields=["photo"])
    return authors


def _portrait(author, edition):
    name = f"{PHOTO_DIR}/authors/{author.slug}.jpg"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(draw_portrait(author.slug)))
    alt_text = PORTRAIT_ALT.get(edition, PORTRAIT_ALT["en"]).format(name=author.name)
    photo = Photo.objects.create(image=name, alt_text=alt_text)
    for rendition_width in RENDITION_WIDTHS:
        getattr(photo, f"w{rendition_width}").generate()
    return photo


def demo_photos_ensure(*, edition, width=DEFAULT_IMAGE_WIDTH):
    """The 24 demo pictures with captions in the edition's language, by section key.

    A picture is drawn and stored once and shared by both editions' Photo rows, renditions included.
    """
    by_section = {}
    for motif, light in PICTURES:
        name = f"{PHOTO_DIR}/{width}/{motif.key}-{light.key}.jpg"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(draw(motif, light, width)))
        alt_text, caption, credit = describe(motif, light, edition)
        photo = Photo.objects.filter(image=name, alt_text=alt_text).first()
        if photo is None:
            photo = Photo.objects.create(image=name, alt_text=alt_text, caption=caption, credit=credit)
        # imagekit renders the copies when a photo is saved; asking again costs nothing when the
        # files exist and guarantees them for rows that reuse a stored picture.
        for rendition_width in RENDITION_WIDTHS:
            getattr(photo, f"w{rendition_width}").generate()
        by_section.setdefault(motif.section_key, []).append(photo)
    return by_section


def _pick_authors(rng, authors):
    """None for wire copy about a third of the time, else one or two bylines."""
    if rng.random() < 0.3:
        return []
    return rng.sample(authors, 1 if rng.random() < 0.8 else 2)


def _pick_image(rng, key, photos_by_section, all_photos):
    if rng.random() < 0.08:
        return None
    own = photos_by_section.get(key)
    return rng.choice(own if own and rng.random() < 0.75 else all_photos)


def demo_showcase_seed(*, editions, image_width=DEFAULT_IMAGE_WIDTH, now=None, on_progress=None):
    """Seed each edition's showcase once and link the stories written in the same run as translations.

    Returns {edition: [stories written]} ([] for an edition that had sections). Every edition is
    written from the same seed and the banks are parallel (the same stories, slots and sentences in
    the same order), so the n-th story of one edition is the n-th story of another in its language,
    published at the same time.
    """
    now = now or timezone.now()
    written = {
        edition: demo_seed(edition=edition, image_width=image_width, now=now, on_progress=on_progress)
        for edition in editions
    }
    fresh = [stories for stories in written.values() if stories]
    if len(fresh) > 1:
        _pair_translations(list(zip(*fresh[:2], strict=True)))
    return written


def _pair_translations(pairs):
    """Make each (story, its translation) pair versions of one story: a shared translation group.

    Fresh stories in no group yet, written in one go, so one bulk update instead of the link service's
    checks and locks per pair (articles.services.article_translations_link is for editors' changes)."""
    linked = []
    for story, translation in pairs:
        story.translation_group = translation.translation_group = uuid.uuid4()
        linked += [story, translation]
    Article.objects.bulk_update(linked, ["translation_group"], batch_size=500)


def demo_seed(
    *,
    edition,
    image_width=DEFAULT_IMAGE_WIDTH,
    now=None,
    on_progress: Callable[[str, int, int], None] | None = None,
):
    """Seed the edition's showcase once; returns its stories in the order written ([] if it has sections).

    Texts come from a fixed seed, the same for every edition and install; times follow `now`. Within
    a section no bank story is used twice before all have been, so no page shows two stories that
    differ only in their figures. `on_progress(edition, stories written, stories planned)` hears how
    far it got.
    """
    if Section.objects.filter(edition=edition).exists():
        return []
    now = now or timezone.now()
    rng = random.Random("newsportal-demo")  # noqa: S311 - reproducible demo content, not secrets
    bank = phrase_bank("stories", edition)
    with transaction.atomic():
        sections = demo_sections_ensure(edition=edition)
        authors = demo_authors_ensure(edition=edition)
        photos_by_section = demo_photos_ensure(edition=edition, width=image_width)
        all_photos = [photo for photos in photos_by_section.values() for photo in photos]
        tags, slugs, writer = TagBook(edition), SlugBook(), StoryWriter(edition, rng)
        story_decks = {key: Deck(rng, range(len(bank.stories[key]))) for key, _section in sections}
        picture_decks = {key: Deck(rng, photos_by_section.get(key) or all_photos) for key, _section in sections}

        span = SHOWCASE_DAYS * 24 * 60 - 30
        plan = [
            (Article.Status.PUBLISHED, now - timedelta(minutes=15 + (i + rng.random()) * span / SHOWCASE_LIVE))
            for i in range(SHOWCASE_LIVE)
        ]
        plan += [
            (Article.Status.PUBLISHED, now + timedelta(hours=rng.randint(3, 72))) for _ in range(SHOWCASE_SCHEDULED)
        ]
        plan += [(Article.Status.DRAFT, now - timedelta(hours=rng.randint(1, 48))) for _ in range(SHOWCASE_DRAFTS)]

        if on_progress:
            on_progress(edition, 0, len(plan))
        stories, credits = [], []
        for index, (status, when) in enumerate(plan):
            if index % len(sections) == 0:
                turn = rng.sample(sections, len(sections))  # every section gets its share of each stretch
            key, section = turn[index % len(sections)]
            draft = writer.story(key, when, template=story_decks[key].draw())
            story = _story_from_draft(
                draft,
                edition=edition,
                section=section,
                slug=slugs.claim(draft.title),
                image=picture_decks[key].draw(),  # a front page of pictures: text-only cards leave gaps
                status=status,
                when=when,
            )
            story.save()  # sanitises the body, as an editor's save would
            stories.append((key, story))
            if on_progress:
                on_progress(edition, len(stories), len(plan))
            credits.append((story, _pick_authors(rng, authors), [tags.get(name) for name in draft.tag_names]))
        _link_authors_and_tags(credits, ContentType.objects.get_for_model(Article).pk)

        live = stories[:SHOWCASE_LIVE]
        newest_per_section = {}
        for key, story in live:  # newest first
            newest_per_section.setdefault(key, story)
        featured = list(newest_per_section.values())
        Article.objects.filter(pk__in=[story.pk for story in featured]).update(is_featured=True)
        Article.objects.filter(pk=live[0][1].pk).update(is_pinned=True)

        related = []
        for index, (key, story) in enumerate(live):
            older = [other for other_key, other in live[index + 1 :] if other_key == key]
            links = []
            if older and rng.random() < 0.6:
                links += [RelatedLink(article=story, target=target) for target in rng.sample(older, min(2, len(older)))]
            if rng.random() < 0.25:
                link = rng.choice(bank.external_links)
                links.append(RelatedLink(article=story, url=link["url"], title=link["title"]))
            for position, link in enumerate(links):
                link.position = position
            related += links
        RelatedLink.objects.bulk_create(related)

        corrected = rng.sample([story for _key, story in live[5:]], 3)
        for story, kind, texts in zip(
            corrected,
            ("correction", "correction", "update"),
            (bank.corrections, bank.corrections, bank.updates),
            strict=True,
        ):
            correction_add(
                article=story, kind=kind, text=rng.choice(texts), created_at=story.published_at + timedelta(hours=3)
            )
    return [story for _key, story in stories]


def demo_stories_bulk(
    *,
    edition,
    count,
    image_width=DEFAULT_IMAGE_WIDTH,
    batch_size=2000,
    days=365,
    on_batch: Callable[[int], None] | None = None,
):
    """Write `count` more stories with bulk inserts, spread over the last `days` days.

    Reuses the edition's sections, photos and the demo authors, creating them when missing.
    bulk_create skips Article.save() and so the body sanitiser: StoryWriter's bodies are already
    in the sanitiser's output form.
    """
    article_type_id = ContentType.objects.get_for_model(Article).pk
    done = 0
    batches = _story_batches(edition=edition, count=count, image_width=image_width, batch_size=batch_size, days=days)
    for batch in batches:
        done += _insert_batch(batch, article_type_id)
        if on_batch:
            on_batch(done)
    return done


def _story_batches(*, edition, count, image_width, batch_size, days):
    """Lists of (unsaved story, its authors, its tags), `batch_size` at a time."""
    sections = demo_sections_ensure(edition=edition)
    authors = demo_authors_ensure(edition=edition)
    used_photo_ids = Article.objects.filter(edition=edition, image__isnull=False).values("image_id")
    all_photos = list(Photo.objects.filter(pk__in=used_photo_ids))
    photos_by_section = {}
    if not all_photos:
        photos_by_section = demo_photos_ensure(edition=edition, width=image_width)
        all_photos = [photo for photos in photos_by_section.values() for photo in photos]

    existing = Article.objects.filter(edition=edition)
    slugs = SlugBook(existing.values_list("slug", flat=True).iterator(chunk_size=10_000))
    rng = random.Random(f"newsportal-bulk-{edition}-{len(slugs.taken)}")  # noqa: S311 - reproducible demo content, not secrets
    writer, tags = StoryWriter(edition, rng), TagBook(edition)
    now = timezone.now()
    window = days * 24 * 3600

    for start in range(0, count, batch_size):
        batch = []
        for _ in range(min(batch_size, count - start)):
            key, section = rng.choice(sections)
            roll = rng.random()
            if roll < BULK_DRAFT_SHARE:
                status, when = Article.Status.DRAFT, now - timedelta(seconds=rng.uniform(60, window))
            elif roll < BULK_DRAFT_SHARE + BULK_SCHEDULED_SHARE:
                status, when = Article.Status.PUBLISHED, now + timedelta(hours=rng.uniform(1, 14 * 24))
            else:
                status, when = Article.Status.PUBLISHED, now - timedelta(seconds=rng.uniform(60, window))
            draft = writer.story(key, when)
            story = _story_from_draft(
                draft,
                edition=edition,
                section=section,
                slug=slugs.claim(draft.title),
                image=_pick_image(rng, key, photos_by_section, all_photos),
                status=status,
                when=when,
                is_featured=rng.random() < BULK_FEATURED_SHARE,
            )
            batch.append((story, _pick_authors(rng, authors), [tags.get(name) for name in draft.tag_names]))
        yield batch


def _insert_batch(batch, article_type_id):
    with transaction.atomic():
        Article.objects.bulk_create([story for story, _authors, _tags in batch])
        _link_authors_and_tags(batch, article_type_id)
    return len(batch)


def _link_authors_and_tags(stories, article_type_id):
    """Bylines and tags of saved (story, authors, tags) triples, in one INSERT each."""
    AuthorLink, TaggedItem = Article.authors.through, Article.tags.through
    AuthorLink.objects.bulk_create(
        [
            AuthorLink(article_id=story.pk, author_id=author.pk)
            for story, story_authors, _tags in stories
            for author in story_authors
        ]
    )
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type_id=article_type_id, object_id=story.pk, tag_id=tag.pk)
            for story, _authors, story_tags in stories
            for tag in story_tags
        ]
    )


def _story_from_draft(draft, *, edition, section, slug, image, status, when, **extra):
    """An unsaved story from the writer's draft; only published stories carry their time."""
    return Article(
        edition=edition,
        section=section,
        title=draft.title,
        slug=slug,
        lead=draft.lead,
        body=draft.body,
        source_name=draft.source[0],
        source_url=draft.source[1],
        image=image,
        status=status,
        published_at=when if status == Article.Status.PUBLISHED else None,
        **extra,
    )
