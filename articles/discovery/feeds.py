"""RSS 2.0 and Atom feeds of the edition, of each section and of each tag.

Feed instances are shared by all requests (they are made once, in the URLconf), so per-request values
travel in the object `get_object` returns, never on `self`.
"""

import mimetypes
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from ..models import Article, Section

FEED_ITEMS = 30
# Image sizes looked up from the storage (photos saved before sizes were stored) are remembered.
SIZE_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class Subject:
    """What a feed is about, for one request."""

    request: HttpRequest
    edition: str
    section: Section | None = None
    tag: Tag | None = None


def photo_sizes(photos):
    """{photo pk: size in bytes}: the stored size, else the storage's answer, remembered in the cache."""
    sizes = {photo.pk: photo.file_size for photo in photos if photo.file_size}
    missing = {f"feeds:photo-size:{photo.image.name}": photo for photo in photos if not photo.file_size}
    if missing:
        known = cache.get_many(list(missing))
        for key, photo in missing.items():
            if key not in known:
                try:
                    known[key] = default_storage.size(photo.image.name)
                except OSError:
                    known[key] = 0
                cache.set(key, known[key], SIZE_CACHE_SECONDS)
            sizes[photo.pk] = known[key]
    return sizes


class StoryFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        return Subject(request=request, edition=get_language())

    def stories(self, subject):
        return Article.objects.published().in_edition(subject.edition)

    def items(self, subject):
        stories = list(self.stories(subject).with_feed()[:FEED_ITEMS])
        photos = {story.image.pk: story.image for story in stories if story.image}
        sizes = photo_sizes(photos.values())
        for story in stories:
            story.feed_enclosures = []
            if story.image:
                photo = story.image
                story.feed_enclosures.append(
                    Enclosure(
                        url=subject.request.build_absolute_uri(photo.image.url),
                        length=str(sizes.get(photo.pk, 0)),
                        mime_type=mimetypes.guess_type(photo.image.name)[0] or "image/jpeg",
                    )
                )
        return stories

    def title(self, subject):
        return _("Newsportal: latest news")

    def link(self, subject):
        return reverse("articles:home")

    def description(self, subject):
        return _("News from the Newsportal agency: politics, economy, society and the world, as it happens.")

    def subtitle(self, subject):
        return self.description(subject)

    def feed_url(self, subject):
        return subject.request.path

    def feed_copyright(self, subject):
        return _("Newsportal. Quoting our stories requires a link to the source.")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS readers take <description> as HTML: the plain-text lead goes out escaped, so it reads as text.
        return escape(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_author_name(self, item):
        names = [author.name for author in item.authors.all()]
        return ", ".join(names) if names else (item.source_name or _("Newsportal"))

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        return item.feed_enclosures


class TextSummaryAtom1Feed(Atom1Feed):
    """Atom whose <summary> is type="text": our leads are plain text, and an editor's "<img …>" stays words."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class AtomFeedMixin:
    feed_type = TextSummaryAtom1Feed

    def item_description(self, item):
        return item.lead


class StoryAtomFeed(AtomFeedMixin, StoryFeed):
    pass


class SectionFeed(StoryFeed):
    def get_object(self, request, section):
        return Subject(
            request=request,
            edition=get_language(),
            section=get_object_or_404(Section, edition=get_language(), slug=section),
        )

    def stories(self, subject):
        return super().stories(subject).in_section(subject.section)

    def title(self, subject):
        return _("Newsportal: %(section)s") % {"section": subject.section.name}

    def link(self, subject):
        return subject.section.get_absolute_url()

    def description(self, subject):
        return subject.section.description or self.title(subject)


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class TagFeed(StoryFeed):
    def get_object(self, request, slug):
        return Subject(request=request, edition=get_language(), tag=get_object_or_404(Tag, slug=slug))

    def stories(self, subject):
        return super().stories(subject).tagged(subject.tag)

    def title(self, subject):
        return _("Newsportal: stories tagged “%(tag)s”") % {"tag": subject.tag.name}

    def link(self, subject):
        return reverse("articles:tag", kwargs={"slug": subject.tag.slug})

    def description(self, subject):
        return self.title(subject)


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass
