"""The API's response shapes, for the OpenAPI schema (ninjs 2.0 subset we send, lists, errors)."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Text(_Strict):
    role: str | None = None
    contenttype: str | None = None
    value: str


class Body(Text):
    charcount: int | None = None
    wordcount: int | None = None


class Concept(_Strict):
    name: str | None = None
    rel: str | None = None
    uri: str | None = None
    literal: str | None = None


class InfoSource(_Strict):
    name: str
    role: str | None = None


class AltId(_Strict):
    role: str
    value: str


class Rendition(_Strict):
    name: str
    href: str
    contenttype: str | None = None
    width: int | None = None
    height: int | None = None


class Standard(_Strict):
    name: str
    version: str
    # A field named "schema" would shadow pydantic's own attribute; the OpenAPI name is the same.
    schema_uri: str = Field(alias="schema", serialization_alias="schema")


class Association(_Strict):
    name: str
    uri: str
    type: Literal["text", "picture"]
    headlines: list[Text] | None = None
    descriptions: list[Text] | None = None
    renditions: list[Rendition] | None = None
    by: str | None = None


class NinjsItem(_Strict):
    """A story as an IPTC ninjs 2.0 document; a story no longer usable has only uri, version,
    versioncreated and pubstatus."""

    uri: str
    standard: Standard | None = None
    type: Literal["text"] | None = None
    representationtype: Literal["full"] | None = None
    version: str
    firstcreated: datetime | None = None
    versioncreated: datetime
    contentcreated: datetime | None = None
    pubstatus: Literal["usable", "withheld", "canceled"]
    urgency: int | None = Field(None, ge=1, le=9, description="1 flash, 3 urgent, 5 routine.")
    language: str | None = None
    headlines: list[Text] | None = None
    descriptions: list[Text] | None = None
    bodies: list[Body] | None = None
    subjects: list[Concept] | None = None
    people: list[Concept] | None = None
    by: str | None = None
    infosources: list[InfoSource] | None = None
    altids: list[AltId] | None = None
    associations: list[Association] | None = None


class StoryPage(_Strict):
    items: list[NinjsItem]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ChangesPage(_Strict):
    items: list[NinjsItem]
    next_cursor: str = Field(description="Pass as `cursor` next time; unchanged when nothing is new.")
    has_more: bool


class Error(_Strict):
    detail: str
