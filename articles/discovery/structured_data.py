"""What search engines and link previews read about a story: schema.org JSON-LD and Open Graph values."""

import json
from urllib.parse import quote

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.typography import plain_for_edition
from newsportal.editions import edition_get

# The publisher's logo for rich results: a raster image, at most 600x60 (what Google asks for).
LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 60)
# Shown by link previews for stories without a picture (the 1.91:1 a large card wants).
SHARE_IMAGE_PATH = "img/share.png"
SHARE_IMAGE_SIZE = (1200, 630)

# Characters that could end a <script> element or start a comment inside it; JSON allows \u escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON safe to put inside <script>: a headline containing "</script>" cannot end the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (nothing left in it can close the element)  # nosec B308 B703  # nosemgrep: mark-safe


def moment(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def story_image(article, request):
    """The picture previews show: the story's largest resized copy (JPEG), else our share image."""
    photo = article.image
    if photo and photo.width:
        url, width = photo.renditions()[-1]
        return {
            "url": request.build_absolute_uri(url),
            "width": width,
            "height": photo.height_for(width),
            "alt": photo.alt_text,
            "caption": photo.caption,
        }
    width, height = SHARE_IMAGE_SIZE
    return {
        "url": request.build_absolute_uri(static(SHARE_IMAGE_PATH)),
        "width": width,
        "height": height,
        "alt": _("Newsportal"),
        "caption": "",
    }


def og_locale(edition):
    entry = edition_get(edition)
    return entry.og_locale if entry else edition


def story_preview(article, request):
    """Values of the story's canonical link, Open Graph and Twitter card tags."""
    return {
        "canonical": request.build_absolute_uri(article.get_absolute_url()),
        "image": story_image(article, request),
        "locale": og_locale(article.edition),
        "published": moment(article.published_at),
        "modified": moment(article.updated_at or article.published_at),
    }


def publisher(request):
    width, height = LOGO_SIZE
    return {
        "@type": "Organization",
        "name": _("Newsportal"),
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(LOGO_PATH)),
            "width": width,
            "height": height,
        },
    }


def news_article(article, request):
    """schema.org NewsArticle for the story page (no ratings: we publish no AggregateRating)."""
    url = request.build_absolute_uri(article.get_absolute_url())
    image = story_image(article, request)
    authors = list(article.authors.all())
    if authors:
        author = [
            {
                "@type": "Person",
                "name": person.name,
                "url": request.build_absolute_uri(person.get_absolute_url()),
                **({"jobTitle": person.title} if person.title else {}),
            }
            for person in authors
        ]
    else:
        # Wire copy: the agency it came from, or our newsroom.
        author = {"@type": "Organization", "name": article.source_name or _("Newsportal")}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain_for_edition(article.title, article.edition),
        "description": plain_for_edition(article.lead, article.edition),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": moment(article.published_at),
        "dateModified": moment(article.updated_at or article.published_at),
        "author": author,
        "image": [{"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}],
        "publisher": publisher(request),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": article.edition,
        "isAccessibleForFree": True,
    }
    corrections = [
        {"@type": "CorrectionComment", "text": correction.text, "datePublished": moment(correction.created_at)}
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    # A developing story's follow-up is based on the story it develops (schema.org has no property for the
    # other direction, "superseded by", on a CreativeWork). Only live stories are named.
    earlier = article.developing_earlier
    if earlier:
        data["isBasedOn"] = {
            "@type": "NewsArticle",
            "headline": plain_for_edition(earlier.title, article.edition),
            "url": request.build_absolute_uri(earlier.get_absolute_url()),
        }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def breadcrumb_list(article, request):
    """schema.org BreadcrumbList matching the breadcrumbs on the page: Home / Section / Story."""
    trail = [
        (_("Home"), reverse("articles:home")),
        (article.section.name, article.section.get_absolute_url()),
        (plain_for_edition(article.title, article.edition), article.get_absolute_url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": request.build_absolute_uri(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


# Where each service takes a link to share; {url} and {title} are filled in percent-encoded.
SHARE_TARGETS = (
    ("email", gettext_lazy("Email"), "mailto:?subject={title}&body={url}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("vk", gettext_lazy("VK"), "https://vk.com/share.php?url={url}&title={title}"),
    ("x", "X", "https://x.com/intent/post?url={url}&text={title}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
)


def share_links(article, request):
    """(service, label, link) for each service's share page: plain links, no scripts of theirs."""
    url = quote(request.build_absolute_uri(article.get_absolute_url()), safe="")
    title = quote(article.title, safe="")
    return [(service, label, pattern.format(url=url, title=title)) for service, label, pattern in SHARE_TARGETS]
