"""The partner API, /api/v1/: stories as ninjs, one story, and a changes feed to mirror us exactly.

Every response carries an ETag (answering If-None-Match with 304), `Cache-Control: private, no-cache`
and the key's RateLimit-* headers. Private, because what a response holds depends on the key's scope:
a shared cache must never hand one partner's response to another (`public` with `Vary: Authorization`
would store one copy per key, and many shared caches refuse Authorization requests anyway); no-cache,
so that a partner's own cache revalidates each time, cheaply, with the ETag.
"""

import base64
import binascii
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer
from pydantic import Field

from ..models import Article, RelatedLink
from . import schemas
from .keys import RateLimited, api_key_for, rate_count
from .models import DeletedStory
from .ninjs import Links, deleted_line, partner_visible_q, story_document

ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error, 429: schemas.Error}


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request, token):
        key = api_key_for(token)
        if key is not None:
            request.api_rate_headers = rate_count(key)
        return key


api = NinjaAPI(
    title="Newsportal content API",
    version="1",
    description=(
        "Stories as IPTC ninjs 2.0 documents for partners. Send `Authorization: Bearer <key>`; "
        "a key reads the editions it is scoped to."
    ),
    auth=ApiKeyAuth(),
    urls_namespace="api-v1",
    # Swagger UI from the package's own static files (ninja in INSTALLED_APPS), its settings in a JSON
    # block and its code in files: it works under the site's strict CSP as it is, with no exception.
)


def _json_error(request, status, detail, headers=None):
    response = HttpResponse(
        json.dumps({"detail": str(detail)}), status=status, content_type="application/json; charset=utf-8"
    )
    for name, value in (headers or getattr(request, "api_rate_headers", {})).items():
        response[name] = value
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return _json_error(request, 401, "Send a valid API key: Authorization: Bearer <key>.")


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    headers = exc.args[0]
    response = _json_error(request, 429, "Too many requests for this key; wait for the window to reset.", headers)
    response["Retry-After"] = headers["RateLimit-Reset"]
    return response


@api.exception_handler(ValidationError)
def _bad_input(request, exc):
    fields = ", ".join(".".join(str(part) for part in error["loc"][1:]) for error in exc.errors)
    return _json_error(request, 400, f"Invalid parameter: {fields}.")


class BadRequest(Exception):
    pass


class OutOfScope(Exception):
    pass


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return _json_error(request, 400, exc)


@api.exception_handler(OutOfScope)
def _forbidden(request, exc):
    return _json_error(request, 403, exc)


def _respond(request, payload):
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    matches = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in matches or "*" in matches:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    for name, value in request.api_rate_headers.items():
        response[name] = value
    return response


def with_partner_api(queryset):
    """What a ninjs document needs, in a fixed number of queries however many stories."""
    links = RelatedLink.objects.select_related("target")
    return queryset.select_related("section", "image").prefetch_related(
        "authors", "tags", Prefetch("related_links", queryset=links)
    )


def _changed_at():
    # A correction stamps updated_at by a bulk update, which leaves modified_at alone.
    return Greatest("modified_at", "published_at", Coalesce("updated_at", "modified_at"))


def _encode_cursor(stamp, pk):
    raw = json.dumps([stamp.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor):
    try:
        stamp, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        stamp = datetime.fromisoformat(stamp)
        if stamp.tzinfo is None or not isinstance(pk, int):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadRequest("The cursor is not one this API gave out.") from None
    return stamp, pk


def _scoped(request, queryset, edition=None):
    editions = request.auth.editions
    if edition is not None:
        if edition not in dict(settings.LANGUAGES):
            raise BadRequest(f"No edition “{edition}”; the editions are {', '.join(dict(settings.LANGUAGES))}.")
        if edition not in editions:
            raise OutOfScope(f"This key may not read the “{edition}” edition.")
        return queryset.filter(edition=edition)
    return queryset.filter(edition__in=editions)


def _links(request):
    return Links(request.build_absolute_uri("/"))


class StoryFilters(Schema):
    edition: str | None = Field(None, description="Edition code, e.g. en or ru.", max_length=5)
    section: str | None = Field(None, description="Section slug.", max_length=80)
    tag: str | None = Field(None, description="Tag slug.", max_length=100)
    urgency: Literal["flash", "urgent", "routine"] | None = Field(None, description="Only stories this urgent.")
    updated_since: datetime | None = Field(None, description="Only stories created or changed at or after this.")
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(20, ge=1, le=100)


@api.get(
    "/stories",
    by_alias=True,
    response={200: schemas.StoryPage, 304: None, **ERRORS},
    summary="Usable stories, newest first",
)
def story_list(request, filters: Query[StoryFilters]):
    now = timezone.now()
    stories = _scoped(request, Article.objects.published(), filters.edition)
    if filters.section:
        stories = stories.filter(section__slug=filters.section)
    if filters.tag:
        stories = stories.filter(tags__slug=filters.tag)
    if filters.urgency:
        stories = stories.filter(urgency=filters.urgency)
    if filters.updated_since:
        if filters.updated_since.tzinfo is None:
            raise BadRequest("updated_since needs a time zone, e.g. 2026-12-01T09:00:00Z.")
        stories = stories.alias(changed=_changed_at()).filter(changed__gte=filters.updated_since)
    if filters.cursor:
        stamp, pk = _decode_cursor(filters.cursor)
        stories = stories.filter(Q(published_at__lt=stamp) | Q(published_at=stamp, pk__lt=pk))
    page = list(with_partner_api(stories.order_by("-published_at", "-pk"))[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    links = _links(request)
    return _respond(
        request,
        {
            "items": [story_document(story, links, now) for story in page],
            "next_cursor": _encode_cursor(page[-1].published_at, page[-1].pk) if more else None,
        },
    )


@api.get(
    "/stories/{int:story_id}",
    by_alias=True,
    response={200: schemas.NinjsItem, 304: None, **ERRORS},
    summary="One story",
)
def story_detail(request, story_id: int):
    now = timezone.now()
    story = with_partner_api(Article.objects.filter(partner_visible_q(now))).filter(pk=story_id).first()
    if story is None:
        return _json_error(request, 404, "No such story.")
    if story.edition not in request.auth.editions:
        raise OutOfScope(f"This key may not read the “{story.edition}” edition.")
    return _respond(request, story_document(story, _links(request), now))


class ChangesFilters(Schema):
    edition: str | None = Field(None, description="Edition code, e.g. en or ru.", max_length=5)
    cursor: str | None = Field(None, description="From the previous page; none to start from the beginning.")
    limit: int = Field(100, ge=1, le=500)


@api.get(
    "/changes",
    by_alias=True,
    response={200: schemas.ChangesPage, 304: None, **ERRORS},
    summary="Everything created, updated or withdrawn since the cursor",
    description=(
        "Oldest change first. A usable story comes in full; one withdrawn comes as its status line "
        "(pubstatus canceled). Apply the items in order to mirror us. Changes of the last "
        "few seconds are held back until transactions in flight have committed, so a cursor never "
        "skips a change."
    ),
)
def changes(request, filters: Query[ChangesFilters]):
    now = timezone.now()
    settled = now - timedelta(seconds=settings.API_CHANGES_SETTLE_SECONDS)
    stories = _scoped(request, Article.objects.filter(partner_visible_q(now)), filters.edition)
    stories = stories.annotate(changed=_changed_at()).filter(changed__lte=settled)
    deleted = _scoped(request, DeletedStory.objects.all(), filters.edition).filter(deleted_at__lte=settled)
    if filters.cursor:
        stamp, pk = _decode_cursor(filters.cursor)
        stories = stories.filter(Q(changed__gt=stamp) | Q(changed=stamp, pk__gt=pk))
        deleted = deleted.filter(Q(deleted_at__gt=stamp) | Q(deleted_at=stamp, story_id__gt=pk))
    # Two ordered sources merged on (time, id): stories that exist, and tombstones of deleted ones.
    limit = filters.limit
    live = with_partner_api(stories.order_by(F("changed").asc(), "pk"))[: limit + 1]
    gone = deleted.order_by("deleted_at", "story_id")[: limit + 1]
    merged = sorted(
        [(story.changed, story.pk, story) for story in live] + [(t.deleted_at, t.story_id, t) for t in gone],
        key=lambda row: row[:2],
    )
    more = len(merged) > limit
    merged = merged[:limit]
    links = _links(request)
    if merged:
        cursor = _encode_cursor(merged[-1][0], merged[-1][1])
    else:
        cursor = filters.cursor or _encode_cursor(datetime(1970, 1, 1, tzinfo=UTC), 0)
    items = [
        deleted_line(obj) if isinstance(obj, DeletedStory) else story_document(obj, links, now)
        for _stamp, _pk, obj in merged
    ]
    return _respond(request, {"items": items, "next_cursor": cursor, "has_more": more})
