"""The site's editions, each defined once.

An edition is one language's site: its own sections, stories, feeds, sitemaps and search. Everything
that differs between editions is in its entry here, and the rest of the code reads it from there:
settings (LANGUAGES, LANGUAGE_CODE, the date formats of newsportal/formats), search (the PostgreSQL
text-search configuration of queries, and of the search-vector trigger, whose SQL
articles.editions.edition_search_configs_sync writes from here), and link previews (the Open Graph
locale). docs/editions.md says how to add one.
A new edition is one more entry plus its catalogue in locale/<code>/.

Pure data: settings import this module, so it imports no models and reads settings only when called.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Edition codes become URL prefixes, Django language codes and part of the search indexes' names, and
# fit the five characters of Article.edition: "de", "pt-br".
CODE_PATTERN = re.compile(r"^[a-z]{2}(-[a-z]{2})?$")


@dataclass(frozen=True)
class Edition:
    code: str
    """The language code: the URL prefix (/en/), Article.edition, hreflang, a feed's and ninjs' language."""
    name: str
    """What the edition switch and the admin call it."""
    search_config: str
    """The PostgreSQL text-search configuration that stems the edition's words ("санкции" finds "санкций")."""
    og_locale: str
    """Link previews' og:locale."""
    formats: dict = field(default_factory=dict)
    """Our tweaks of Django's formats for the language (DATE_FORMAT, …); the rest are Django's own."""
    dateline_format: str = "M j"
    """The date of a dateline in the edition's style (Django's date format): "MOSCOW, Dec 1 —"."""

    def __post_init__(self):
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"Edition code {self.code!r} is not a lower-case language code.")

    @property
    def hreflang(self):
        return self.code


EDITIONS = (
    Edition(
        code="en",
        name=_("English"),
        search_config="english",
        og_locale="en_US",
        # 24-hour times, as an agency writes them ("Nov. 29, 2026, 22:53"), on the site and in the admin.
        formats={"DATETIME_FORMAT": "N j, Y, H:i", "TIME_FORMAT": "H:i", "SHORT_DATETIME_FORMAT": "m/d/Y H:i"},
    ),
    Edition(
        code="ru",
        name=_("Russian"),
        search_config="russian",
        og_locale="ru_RU",
        # "29 ноября 2026" as a Russian news site writes it, without Django's "г.".
        formats={"DATE_FORMAT": "j E Y", "DATETIME_FORMAT": "j E Y, G:i"},
        # "МОСКВА, 1 декабря —": the month in full and in the genitive, as TASS and Interfax print it.
        dateline_format="j E",
    ),
)
# The edition of "/" for readers whose browser asks for none of ours, and hreflang's x-default.
DEFAULT_EDITION = "en"


def languages(editions):
    """Django's LANGUAGES for these editions."""
    return [(edition.code, edition.name) for edition in editions]


def editions_settings(editions, default=DEFAULT_EDITION):
    """The settings that follow from a list of editions, for settings.py and for tests that change them."""
    if default not in {edition.code for edition in editions}:
        raise ValueError(f"The default edition {default!r} is not among the editions.")
    return {"EDITIONS": tuple(editions), "LANGUAGES": languages(editions), "LANGUAGE_CODE": default}


def edition_get(code):
    """The edition of this code among the site's (settings.EDITIONS), or None."""
    return next((edition for edition in settings.EDITIONS if edition.code == code), None)


def edition_codes():
    return [edition.code for edition in settings.EDITIONS]


def edition_choices():
    """The editions as a model field's choices, read when used: a new edition changes no migration."""
    return languages(settings.EDITIONS)
