"""Running a wire source: fetch, parse, and turn each item into a draft story (or update or withdraw it)."""

import hashlib
import logging
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..desk.forms import PhotoUploadField
from ..desk.versions import story_revision, story_revision_comment, wire_comment, wire_kill_comment
from ..desk.workflow import story_kill
from ..models import Article, Photo
from ..services import article_save
from .models import WireItem, WireRun, WireSource
from .parsers import BadItem, WireParseError, parse_document, plain_text

logger = logging.getLogger(__name__)

FILE_SUFFIXES = {".xml", ".json"}


class FetchError(Exception):
    pass


def fetch(url, *, max_bytes=None):
    """The bytes at an http(s) URL, at most max_bytes, within WIRE_FETCH_TIMEOUT."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses are fetched: {url}")
    max_bytes = max_bytes or settings.WIRE_MAX_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "Newsportal wire ingest"})  # noqa: S310 (scheme checked)
    try:
        # The scheme is checked above: http and https only, never file: or others.
        with urllib.request.urlopen(request, timeout=settings.WIRE_FETCH_TIMEOUT) as response:  # noqa: S310  # nosec B310
            data = response.read(max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"{url}: {exc}") from None
    if len(data) > max_bytes:
        raise FetchError(f"{url}: larger than {max_bytes} bytes")
    return data


def _documents(source):
    """(name, bytes) of each document the source offers now."""
    if source.kind == WireSource.Kind.DIRECTORY:
        folder = Path(source.directory)
        if not folder.is_dir():
            raise FetchError(f"no such directory: {folder}")
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in FILE_SUFFIXES and path.is_file():
                yield path.name, path.read_bytes()[: settings.WIRE_MAX_BYTES + 1]
        return
    yield source.url, fetch(source.url)


def wire_ingest(*, source, documents=None):
    """One run of a source; every item is counted and each failure logged with its reason in the WireRun.

    `documents`: (name, bytes) pairs to read instead of fetching, e.g. files uploaded in the admin.
    """
    run = WireRun.objects.create(source=source, started_at=timezone.now())
    try:
        for name, data in documents if documents is not None else _documents(source):
            try:
                entries = parse_document(data)
            except WireParseError as exc:
                run.failed += 1
                run.errors.append(f"{name}: {exc}")
                continue
            for entry in entries:
                _ingest_entry(source, run, entry)
    except FetchError as exc:
        run.failed += 1
        run.errors.append(str(exc))
    run.finished_at = timezone.now()
    run.save()
    WireSource.objects.filter(pk=source.pk).update(last_run_at=run.finished_at)
    return run


def _ingest_entry(source, run, entry):
    if isinstance(entry, BadItem):
        run.failed += 1
        run.errors.append(f"{entry.guid}: {entry.reason}")
        return
    try:
        # A story the wire writes or updates gets a version, as an editor's save does.
        with story_revision(user=None, comment=wire_comment(source)):
            outcome = wire_item_apply(source=source, entry=entry, run=run)
    except Exception as exc:  # one bad item never stops the rest; the reason goes to the log
        logger.exception("wire item %s of %s failed", entry.guid, source)
        run.failed += 1
        run.errors.append(f"{entry.guid}: {exc}")
        return
    setattr(run, outcome, getattr(run, outcome) + 1)


def wire_item_apply(*, source, entry, run):
    """new, updated, skipped or killed: what the entry did to its item and draft story."""
    digest = entry.content_hash()
    item = WireItem.objects.select_for_update().filter(source=source, guid=entry.guid).first()
    now = timezone.now().isoformat()
    if entry.kill:
        if item is None or item.killed_at is not None:
            return "skipped"
        item.killed_at = timezone.now()
        item.versions.append({"version": entry.version, "received": now, "kill": True})
        item.save()
        if item.article is not None and item.article.status == Article.Status.PUBLISHED:
            # Withdrawn as an editor would: a 410 with the note, off every list, in the audit log, a version.
            # A story not yet published stays with the desk (the item shows it was killed).
            story_kill(article=item.article, note=_withdrawal_note(item.article, source))
            story_revision_comment(wire_kill_comment(source))
        return "killed"
    if item is not None:
        if item.killed_at is not None or item.content_hash == digest:
            return "skipped"
        if entry.version and item.version and _older(entry.version, item.version):
            return "skipped"
        item.version, item.content_hash = entry.version, digest
        item.versions.append({"version": entry.version, "received": now})
        if item.article is not None and item.article.status == Article.Status.DRAFT:
            # Editors own a story once published; a newer version then only updates its draft.
            _fill(item.article, source, entry, run)
            article_save(article=item.article)
        item.save()
        return "updated"
    article = Article(edition=source.edition, status=Article.Status.DRAFT)
    _fill(article, source, entry, run)
    article.slug = _slug(entry)
    article_save(article=article)
    WireItem.objects.create(
        source=source,
        guid=entry.guid,
        version=entry.version,
        content_hash=digest,
        article=article,
        versions=[{"version": entry.version, "received": now}],
    )
    return "new"


def _withdrawal_note(article, source):
    # Readers of the story's edition read the note, in its language.
    with translation.override(article.edition):
        return _("Withdrawn by %(source)s.") % {"source": source.credit or source.name}


def _older(version, than):
    try:
        return float(version) < float(than)
    except ValueError:
        return version < than  # ISO times (Atom's updated) compare as text


def _fill(article, source, entry, run):
    article.title = entry.headline[:250]
    text = plain_text(entry.body)
    article.lead = (entry.lead or text)[:600]
    article.body = entry.body  # Article.save sanitises it as editor input
    article.section = _section_for(source, entry.subjects)
    article.source_name = source.credit
    if entry.urgency is not None:
        article.urgency = _urgency_level(entry.urgency)
    if entry.link and urlsplit(entry.link).scheme in ("http", "https"):
        article.source_url = entry.link[:200]
    if entry.image_url and article.image_id is None:
        article.image = _photo(source, entry, run)


def _urgency_level(number):
    """The desk's level for a wire urgency (1 most urgent … 9 least)."""
    if number <= 1:
        return Article.Urgency.FLASH
    return Article.Urgency.URGENT if number <= 3 else Article.Urgency.ROUTINE


def _section_for(source, subjects):
    wanted = {subject.strip().lower() for subject in subjects}
    for rule in source.mappings.select_related("section"):
        if rule.subject.strip().lower() in wanted:
            return rule.section
    return source.section


def _slug(entry):
    base = slugify(entry.headline)[:200] or "wire"
    return f"{base}-{hashlib.sha256(entry.guid.encode()).hexdigest()[:10]}"


def _photo(source, entry, run):
    """The item's picture, fetched only from an allow-listed host and checked like an upload; else None."""
    url = entry.image_url
    host = (urlsplit(url).hostname or "").lower()
    if host not in source.allowed_image_hosts():
        run.errors.append(f"{entry.guid}: picture left out, {host or url} is not an allowed image host")
        return None
    try:
        data = fetch(url, max_bytes=settings.PHOTO_MAX_BYTES)
        upload = PhotoUploadField().clean(SimpleUploadedFile(Path(urlsplit(url).path).name or "wire.jpg", data))
    except (FetchError, ValidationError) as exc:
        reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        run.errors.append(f"{entry.guid}: picture left out, {reason}")
        return None
    return Photo.objects.create(image=upload, alt_text=entry.headline[:250], credit=source.credit)
