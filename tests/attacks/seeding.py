"""Send a payload through the site's real inputs, as an editor in the admin and as a reader on the site.

Each step posts the payload as given; when the form refuses it (too long, a NUL, not an address), the
refusal itself is checked and the payload goes in again trimmed to what the field takes, so every field
ends up holding as much of it as the site accepts. `check` is called on every answer.
"""

import re

from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, Photo, Section
from tests.articles.test_admin import form_fields
from tests.comments.conftest import old_stamp
from tests.factories import image_file

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
JSON = {"HTTP_ACCEPT": "application/json", **BROWSER}
SAFE_URL = "https://example.org/report"


def trimmed(payload, limit=120):
    """What a field keeps of the payload once it accepts it: no NUL, within the length limit."""
    return payload.replace("\x00", "").strip()[:limit] or "payload"


_BLANK_FORMS = {}


def _blank_form(client, url):
    """What the admin's add page sends untouched (defaults, inline management forms); the same every time."""
    if url not in _BLANK_FORMS:
        html = client.get(url).content.decode()
        form_id = re.search(r'<form [^>]*id="(\w+_form)"', html).group(1)
        _BLANK_FORMS[url] = form_fields(client.get(url), form_id)
    return _BLANK_FORMS[url]


def _post_until_saved(client, url, build, check, *, files=None):
    """POST build(payload-or-trimmed) until the admin saves it (302). Returns the last answer."""
    blank = _blank_form(client, url)
    for attempt in (False, True):
        data = {**blank, **build(attempt)}
        if files:
            data.update(files(attempt))
        response = client.post(url, data)
        check(response)
        if response.status_code == 302:
            return response
    errors = response.context and [
        form.errors for form in response.context.get("errors", []) and [response.context["adminform"].form]
    ]
    inline = response.context and [
        formset.formset.errors for formset in response.context.get("inline_admin_formsets", [])
    ]
    raise AssertionError(f"the admin refused even the trimmed payload at {url}: {errors} {inline}")


def admin_seed(client, payload, n, check):
    """Section, author, photo, tag and story (with related links and a correction), all made of the payload,
    through the admin's own forms. Returns the story."""

    def text(retry, limit=120):
        return trimmed(payload, limit) if retry else payload

    _post_until_saved(
        client,
        reverse("admin:articles_section_add"),
        lambda retry: {"edition": "en", "name": text(retry, 80), "slug": f"attack-{n}", "description": text(retry)},
        check,
    )
    section = Section.objects.get(edition="en", slug=f"attack-{n}")
    _post_until_saved(
        client,
        reverse("admin:articles_author_add"),
        lambda retry: {"name": text(retry), "slug": f"attack-author-{n}", "title": text(retry), "bio": text(retry)},
        check,
    )
    author = Author.objects.get(slug=f"attack-author-{n}")
    before = set(Photo.objects.values_list("pk", flat=True))
    _post_until_saved(
        client,
        reverse("admin:articles_photo_add"),
        lambda retry: {"alt_text": text(retry), "caption": text(retry), "credit": text(retry)},
        check,
        files=lambda retry: {"image": image_file(name="photo.jpg" if retry else f"{trimmed(payload, 40)}.jpg")},
    )
    photo = Photo.objects.exclude(pk__in=before).get()
    _post_until_saved(
        client,
        reverse("admin:taggit_tag_add"),
        lambda retry: {"name": f"{text(retry, 80)} {n}", "slug": f"attack-tag-{n}"},
        check,
    )
    tag = Tag.objects.get(slug=f"attack-tag-{n}")

    def story(retry):
        data = {}
        data.update(
            {
                "edition": "en",
                "section": str(section.pk),
                "title": text(retry, 200),
                "slug": f"attack-story-{n}",
                "lead": text(retry, 500),
                "body": f"<p>{text(retry, 2000)}</p>",
                "status": "published",
                "published_at_0": "2026-01-15",
                "published_at_1": "10:00:00",
                "authors": [str(author.pk)],
                "image": str(photo.pk),
                "source_name": text(retry, 100),
                "source_url": SAFE_URL if retry else payload,
                "existing_tags": [str(tag.pk)],
                # Typed-in tags get their address from their name.
                "new_tags": text(retry, 60) if retry else payload,
                "related_links-TOTAL_FORMS": "1",
                "related_links-0-position": "1",
                "related_links-0-url": SAFE_URL if retry else payload,
                "related_links-0-title": text(retry, 200),
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-text": text(retry),
                "corrections-0-created_at_0": "2026-01-15",
                "corrections-0-created_at_1": "11:00:00",
            }
        )
        return data

    _post_until_saved(client, reverse("admin:articles_article_add"), story, check)
    return Article.objects.get(slug=f"attack-story-{n}")


def reader_seed(client, story, payload, check):
    """The payload as a comment (name and text), a reply, a typo report, a vote, a report and a search."""
    post_url = reverse("comments:post", kwargs={"pk": story.pk})
    for extra in ({}, JSON):
        check(client.post(post_url, comment_data(payload), **extra))
    first = story.comments.order_by("pk").first()
    if first is None:  # the whole payload was refused: keep what the form takes
        check(client.post(post_url, comment_data(trimmed(payload, 1000))))
        first = story.comments.order_by("pk").first()
    if first is not None:
        reply = comment_data(f"{trimmed(payload, 1000)} (reply)", reply_to=str(first.pk))
        check(client.post(post_url, reply))
        check(client.post(reverse("comments:report"), {"comment": str(first.pk)}))
    check(client.post(reverse("comments:report"), {"comment": payload}))

    typo_url = reverse("comments:typo_report")
    typo = {"article": str(story.pk), "selection": payload, "before": payload, "after": payload, "comment": payload}
    check(client.post(typo_url, {**typo, "url": payload}))
    check(client.post(typo_url, typo, **JSON))
    check(client.post(typo_url, {**typo, "selection": trimmed(payload, 200), "comment": trimmed(payload, 900)}))

    rate_url = reverse("articles:rate", kwargs={"pk": story.pk})
    check(client.post(rate_url, {"score": payload}, **BROWSER))
    check(client.post(rate_url, {"score": payload}, **JSON))
    check(client.get(reverse("articles:search"), {"q": payload}))


def comment_data(text, **extra):
    return {
        "author_name": text,
        "author_email": "",
        "text": text,
        "website": "",
        "reply_to": "",
        "issued": old_stamp(),
        **extra,
    }


def pages_showing(story, tag):
    """Every reader page that shows what the payload went into."""
    author = story.authors.first()
    return [
        story.get_absolute_url(),
        f"{story.get_absolute_url()}?comments=newest",
        reverse("comments:post", kwargs={"pk": story.pk}),
        story.section.get_absolute_url(),
        reverse("articles:author", kwargs={"slug": author.slug}),
        reverse("articles:tag", kwargs={"slug": tag.slug}),
        reverse("articles:home"),
        "/en/archive/2026/01/15/",
    ]


def admin_pages_showing(story):
    """The editors' and moderators' pages that show readers' text about the story."""
    comment = story.comments.order_by("pk").first()
    return [
        reverse("admin:articles_article_change", args=[story.pk]),
        *([reverse("admin:articles_photo_change", args=[story.image_id])] if story.image_id else []),
        reverse("admin:comments_comment_changelist"),
        *([reverse("admin:comments_comment_change", args=[comment.pk])] if comment else []),
        reverse("admin:comments_typoreport_changelist"),
    ]
