"""Stories as IPTC ninjs 2.0 documents (https://www.iptc.org/std/ninjs/), the partner API's format."""

import re
from datetime import UTC
from html import unescape

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

NINJS_VERSION = "2.0"
NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"

_TAGS = re.compile(r"<[^>]+>")

# ninjs urgency runs from 1 (most urgent) to 9; the desk's three levels, spaced as agencies use them.
URGENCY_NUMBERS = {"flash": 1, "urgent": 3, "routine": 5}


def story_uri(article_id) -> str:
    """Stable and edition-independent: a story keeps its URI when renamed, moved or translated."""
    return f"{settings.API_URI_BASE}story:{article_id}"


def photo_uri(photo_id) -> str:
    return f"{settings.API_URI_BASE}photo:{photo_id}"


def ninjs_pubstatus(article, now=None):
    """The ninjs status of a story as partners see it, or None when they must not know it exists.

    The one place that decides: "usable" when published and due; "canceled" for a story that was
    public and is not any more (unpublished, withdrawn by the desk, or killed by its wire source).
    Drafts and scheduled stories are None, and so are embargoed ones: a published story's time is
    never before its embargo (a constraint of Article), so it is not due until the embargo lifts.
    """
    now = now or timezone.now()
    if article.published_at is None or article.published_at > now:
        return None
    if article.status == article.Status.PUBLISHED:
        return "usable"
    return "canceled"


def partner_visible_q(now):
    """The stories ninjs_pubstatus() gives a status, as a filter (the same rule, for querysets)."""
    return Q(published_at__lte=now)


def version_of(article) -> str:
    """Grows with every change: the changed-at time in microseconds."""
    return str(int(changed_at(article).timestamp() * 1_000_000))


def changed_at(article):
    """When partners last had something new of the story: its last save or its going live."""
    # The same rule as the changes feed's ordering (articles.api.views._changed_at).
    stamps = [article.modified_at, article.published_at, article.updated_at]
    return max(stamp for stamp in stamps if stamp)


def _iso(stamp):
    return stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")


def status_line(article) -> dict:
    """All a partner learns of a story that is no longer usable."""
    return {
        "uri": story_uri(article.pk),
        "version": version_of(article),
        "versioncreated": _iso(changed_at(article)),
        "pubstatus": ninjs_pubstatus(article),
    }


def deleted_line(tombstone) -> dict:
    """A deleted story, as partners learn of it: canceled, at the time of deletion."""
    return {
        "uri": story_uri(tombstone.story_id),
        "version": str(int(tombstone.deleted_at.timestamp() * 1_000_000)),
        "versioncreated": _iso(tombstone.deleted_at),
        "pubstatus": "canceled",
    }


def _plain(html):
    return unescape(_TAGS.sub(" ", html or "")).split()


class Links:
    """Absolute addresses for the documents of one response: the host is worked out once, and each
    section's and author's address is reversed once however many stories share it."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self._reversed = {}

    def __call__(self, path):
        return path if "://" in path else self.base + path

    def of(self, obj):
        key = (obj.__class__, obj.pk)
        if key not in self._reversed:
            self._reversed[key] = self(obj.get_absolute_url())
        return self._reversed[key]


def story_document(article, links, now=None) -> dict:
    """A usable story in full (`links`: a Links); a story that is not usable gets its status line.

    Needs the story fetched with with_partner_api() so that this makes no query.
    """
    now = now or timezone.now()
    if ninjs_pubstatus(article, now) != "usable":
        return status_line(article)
    words = _plain(article.body)
    names = [author.name for author in article.authors.all()]
    doc = {
        "uri": story_uri(article.pk),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
        "type": "text",
        "representationtype": "full",
        "version": version_of(article),
        "firstcreated": _iso(article.created_at),
        "versioncreated": _iso(changed_at(article)),
        "contentcreated": _iso(article.published_at),
        "pubstatus": "usable",
        "urgency": URGENCY_NUMBERS[article.urgency],
        "language": article.edition,
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": article.lead}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(" ".join(words)),
                "wordcount": len(words),
                "value": article.body,
            }
        ],
        "subjects": [
            {
                "name": article.section.name,
                "rel": "section",
                "literal": article.section.slug,
                "uri": links.of(article.section),
            }
        ]
        + [{"name": tag.name, "rel": "tag", "literal": tag.slug} for tag in article.tags.all()],
        "people": [
            {"name": author.name, "rel": "author", "literal": author.slug, "uri": links.of(author)}
            for author in article.authors.all()
        ],
        "altids": [{"role": "url", "value": links(article.get_absolute_url())}],
        "associations": _associations(article, links, now),
    }
    if names or article.source_name:
        doc["by"] = ", ".join(names) or article.source_name
    if article.source_name:
        source = {"name": article.source_name, "role": "http://cv.iptc.org/newscodes/infosourcerole/originfo"}
        doc["infosources"] = [source]
    return doc


def _associations(article, links, now):
    out = []
    photo = article.image
    if photo is not None:
        picture = {
            "name": "featureimage",
            "uri": photo_uri(photo.pk),
            "type": "picture",
            "descriptions": [{"role": "alt", "value": photo.alt_text}],
            "renditions": [
                {
                    "name": f"w{width}",
                    "href": links(url),
                    "contenttype": "image/jpeg",
                    "width": width,
                    "height": photo.height_for(width),
                }
                for url, width in photo.renditions()
            ],
        }
        if photo.caption:
            picture["headlines"] = [{"role": "caption", "value": photo.caption}]
        if photo.credit:
            picture["by"] = photo.credit
        out.append(picture)
    for link in article.related_links.all():
        if link.target_id is None:
            out.append({"name": "related", "uri": link.url, "type": "text", "headlines": [{"value": link.title}]})
        elif ninjs_pubstatus(link.target, now) == "usable":
            # Only stories partners may read themselves: a related draft is never revealed.
            out.append(
                {
                    "name": "related",
                    "uri": story_uri(link.target_id),
                    "type": "text",
                    "headlines": [{"value": link.target.title}],
                }
            )
    return out
