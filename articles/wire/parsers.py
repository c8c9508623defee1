"""Wire copy in: RSS 2.0, Atom, ninjs (1.x and 2.x) and NewsML-G2, each item to a WireEntry.

XML goes through defusedxml: no entity expansion, no DTD, no network. A document that cannot be
read raises WireParseError; an item that can be read but lacks what a story needs becomes a BadItem,
so that one bad item never stops the rest.
"""

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from html import escape

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_TAGS = re.compile(r"<[^>]+>")
NAR = "{http://iptc.org/std/nar/2006-10-01/}"
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
MEDIA_CONTENT = "{http://search.yahoo.com/mrss/}content"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class WireParseError(Exception):
    """The document as a whole cannot be read."""


@dataclass
class WireEntry:
    guid: str
    headline: str
    body: str = ""
    lead: str = ""
    version: str = ""
    subjects: list[str] = field(default_factory=list)
    byline: str = ""
    link: str = ""
    image_url: str = ""
    kill: bool = False
    urgency: int | None = None  # 1 (most urgent) to 9, as NewsML-G2 and ninjs give it

    def content_hash(self):
        """What makes two versions the same copy: the text, subjects and picture, not the version label."""
        raw = json.dumps(
            [self.headline, self.lead, self.body, self.subjects, self.byline, self.image_url, self.kill, self.urgency]
        )
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class BadItem:
    guid: str
    reason: str


def plain_text(html):
    return " ".join(_TAGS.sub(" ", html or "").split())


def _text(element, path, namespaces=None):
    found = element.find(path, namespaces) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _checked(entry):
    if not entry.guid:
        return BadItem("?", "no guid or id")
    if not entry.kill and not entry.headline:
        return BadItem(entry.guid, "no headline")
    if not entry.kill and not (entry.body or entry.lead):
        return BadItem(entry.guid, "no text")
    return entry


def _xml(data):
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WireParseError(f"refused unsafe XML ({exc.__class__.__name__})") from None
    except ElementTree.ParseError as exc:
        raise WireParseError(f"not well-formed XML: {exc}") from None


def parse_document(data: bytes, hint=""):
    """Entries (WireEntry or BadItem) of a feed, ninjs or NewsML-G2 document, whichever it is."""
    stripped = data.lstrip()
    if stripped[:1] in (b"{", b"["):
        return parse_ninjs(data)
    root = _xml(data)
    if root.tag == "rss":
        return _parse_rss(root)
    if root.tag == f"{ATOM}feed":
        return _parse_atom(root)
    if root.tag in (f"{NAR}newsItem", f"{NAR}newsMessage"):
        return _parse_newsml(root)
    raise WireParseError(f"unknown document type <{root.tag}>")


def _parse_rss(root):
    entries = []
    for item in root.iter("item"):
        body = _text(item, CONTENT_ENCODED)
        description = _text(item, "description")
        image = item.find("enclosure")
        if image is None or not (image.get("type") or "").startswith("image/"):
            image = item.find(MEDIA_CONTENT)
        entry = WireEntry(
            guid=_text(item, "guid") or _text(item, "link"),
            headline=plain_text(_text(item, "title")),
            lead=plain_text(description) if body else "",
            body=body or description,
            subjects=[c.text.strip() for c in item.findall("category") if c.text and c.text.strip()],
            byline=_text(item, DC_CREATOR) or _text(item, "author"),
            link=_text(item, "link"),
            image_url=image.get("url", "") if image is not None else "",
        )
        entries.append(_checked(entry))
    return entries


def _parse_atom(root):
    entries = []
    for item in root.iter(f"{ATOM}entry"):
        content = item.find(f"{ATOM}content")
        body = _atom_text(content)
        summary = _atom_text(item.find(f"{ATOM}summary"))
        links = item.findall(f"{ATOM}link")
        link = next((x.get("href", "") for x in links if x.get("rel", "alternate") == "alternate"), "")
        image = next(
            (
                x.get("href", "")
                for x in links
                if x.get("rel") == "enclosure" and x.get("type", "").startswith("image/")
            ),
            "",
        )
        entry = WireEntry(
            guid=_text(item, f"{ATOM}id"),
            version=_text(item, f"{ATOM}updated"),
            headline=plain_text(_text(item, f"{ATOM}title")),
            lead=plain_text(summary) if body else "",
            body=body or summary,
            subjects=[c.get("label") or c.get("term", "") for c in item.findall(f"{ATOM}category")],
            byline=_text(item, f"{ATOM}author/{ATOM}name"),
            link=link,
            image_url=image,
        )
        entries.append(_checked(entry))
    return entries


def _atom_text(element):
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        div = element.find(f"{XHTML}div")
        return _serialise_children(div) if div is not None else ""
    text = (element.text or "").strip()
    return text if element.get("type") == "html" else escape(text)


def _serialise_children(element):
    """The inner markup of an element, tags without namespaces (the sanitiser gets it next)."""
    element = copy.deepcopy(element)
    for node in element.iter():
        if isinstance(node.tag, str):
            node.tag = node.tag.rsplit("}", 1)[-1]
    parts = [escape(element.text or "")]
    parts += [ElementTree.tostring(child, encoding="unicode") for child in element]
    return "".join(parts).strip()


def _parse_newsml(root):
    items = [root] if root.tag == f"{NAR}newsItem" else list(root.iter(f"{NAR}newsItem"))
    entries = []
    for item in items:
        status = item.find(f"{NAR}itemMeta/{NAR}pubStatus")
        meta = item.find(f"{NAR}contentMeta")
        body = ""
        inline = item.find(f"{NAR}contentSet/{NAR}inlineXML")
        if inline is not None:
            html_body = inline.find(f".//{XHTML}body")
            nitf_body = inline.find(".//body.content")
            if html_body is not None:
                body = _serialise_children(html_body)
            elif nitf_body is not None:
                body = _serialise_children(nitf_body)
        picture = item.find(f"{NAR}contentSet/{NAR}remoteContent")
        entry = WireEntry(
            guid=item.get("guid", ""),
            version=item.get("version", ""),
            headline=plain_text(_text(meta, f"{NAR}headline")),
            lead=plain_text(_text(meta, f"{NAR}description")),
            body=body,
            subjects=[_text(s, f"{NAR}name") or s.get("qcode", "") for s in meta.findall(f"{NAR}subject")]
            if meta is not None
            else [],
            byline=_text(meta, f"{NAR}by"),
            image_url=picture.get("href", "") if picture is not None else "",
            kill=status is not None and status.get("qcode", "").endswith(":canceled"),
            urgency=_urgency(_text(meta, f"{NAR}urgency")),
        )
        entries.append(_checked(entry))
    return entries


def parse_ninjs(data: bytes):
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireParseError(f"not valid JSON: {exc}") from None
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    entries = []
    for item in items:
        if not isinstance(item, dict):
            entries.append(BadItem("?", "not a JSON object"))
            continue
        try:
            entries.append(_checked(_ninjs_entry(item)))
        except (TypeError, KeyError, AttributeError, IndexError) as exc:
            entries.append(BadItem(str(item.get("uri", "?")), f"unexpected structure ({exc.__class__.__name__})"))
    return entries


def _first_value(values, role=None):
    for value in values or []:
        if role is None or value.get("role") in (role, None):
            return str(value.get("value", ""))
    return ""


def _ninjs_entry(item):
    # ninjs 2.x has arrays (headlines, bodies, descriptions); 1.x has headline, body_html, description_text.
    associations = item.get("associations") or []
    if isinstance(associations, dict):  # ninjs 1.x: an object keyed by name
        associations = [{"name": name, **value} for name, value in associations.items()]
    image = ""
    for association in associations:
        if association.get("type") == "picture":
            renditions = association.get("renditions") or []
            if isinstance(renditions, dict):
                renditions = list(renditions.values())
            widest = max(renditions, key=lambda r: r.get("width") or 0, default=None)
            image = (widest or {}).get("href", "")
            break
    return WireEntry(
        guid=str(item.get("uri") or item.get("guid") or ""),
        version=str(item.get("version", "")),
        headline=plain_text(_first_value(item.get("headlines"), "main") or item.get("headline", "")),
        lead=plain_text(_first_value(item.get("descriptions")) or item.get("description_text", "")),
        body=_first_value(item.get("bodies")) or item.get("body_html", "") or escape(item.get("body_text", "")),
        subjects=[s.get("name") or s.get("literal", "") for s in item.get("subjects") or [] if isinstance(s, dict)],
        byline=str(item.get("by") or item.get("byline") or ""),
        image_url=image,
        kill=item.get("pubstatus") == "canceled",
        urgency=_urgency(item.get("urgency")),
    )


def _urgency(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 9 else None
