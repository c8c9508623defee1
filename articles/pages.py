"""What the public pages share, assembled in one place: the site's chrome and the home page.

Each piece is read when a template first shows it. The blocks that show them are kept rendered
(`{% fragment %}`), so when a block comes from the fragment cache its piece is never read at all.
"""

from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from newsportal.pagecache import SITE, fragments, store, story_scope

from .discovery.rankings import edition_rankings, rankings_keep_fresh
from .editions import default_alternates, edition_homes
from .models import Article, Ranking, Section

LATEST_ON_HOME = 12
STORIES_PER_SECTION_BLOCK = 4

SECTIONS_KEY = "sections:{edition}"


def edition_stories():
    """Stories readers of the current edition may see."""
    return Article.objects.published().in_edition(get_language())


# {(edition, site version): sections} this process has read: saving or deleting a section changes the
# site's version (articles.invalidation), so an entry is never out of date.
_remembered_sections = {}


def edition_sections(request):
    """The current edition's sections (navigation, home, search share them).

    They change rarely, so they are kept in the shared cache until an editor saves or deletes one
    (articles.apps connects the signals), remembered by each process for the site version it read
    them at, and looked up once per request.
    """
    if not hasattr(request, "_edition_sections"):
        edition = get_language()
        found = store.read_versions([SITE])
        remembered_as = (edition, found[0][SITE]) if found is not None else None
        sections = _remembered_sections.get(remembered_as)
        if sections is None:
            key = SECTIONS_KEY.format(edition=edition)
            sections = cache.get(key)
            if sections is None:
                sections = list(Section.objects.filter(edition=edition))
                cache.set(key, sections, None)
            if remembered_as is not None:
                if any(version != remembered_as[1] for _edition, version in _remembered_sections):
                    _remembered_sections.clear()  # an older site version's
                _remembered_sections[remembered_as] = sections
        request._edition_sections = sections
    return request._edition_sections


def sections_changed(**kwargs):
    """Signal receiver: a section was saved or deleted; every edition's list is read again."""
    cache.delete_many([SECTIONS_KEY.format(edition=code) for code, _name in settings.LANGUAGES])


def kept_story(request, pk, load):
    """The live story `pk` as `load()` reads it, kept like the story page's fragments: under the `site`
    version (editors' changes, publication, a scheduled time passing) and the story's own (votes,
    comments), so it is never older than the blocks rendered from it."""
    found = fragments.versions(request, [SITE, story_scope(pk)], schedule=True)
    key = fragments.fragment_key("kept-story", found, get_language(), pk) if found is not None else None
    return fragments.kept_value(key, load)


def nav_position(request):
    """Where the page sits in the section navigation: ("page", slug) on a section's own page, ("true",
    slug) on one of its stories (the link leads to where the story belongs, not to this page), else
    ("", "")."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "articles" or "section" not in match.kwargs:
        return "", ""
    if match.url_name == "section":
        return "page", match.kwargs["section"]
    if match.url_name == "detail":
        return "true", match.kwargs["section"]
    return "", ""


def site_chrome(request):
    """What the header and footer of every public page need (the header's sections only when shown)."""
    current, current_section = nav_position(request)
    return {
        "nav_sections": lambda: edition_sections(request),
        # aria-current's value and the section it marks; the navigation is kept once per pair.
        "nav_current": current,
        "nav_current_section": current_section,
        # The edition switch's targets; views with a counterpart page set their own.
        "alternates": default_alternates(),
    }


class HomePage:
    """An edition's home page: the lead, the latest stories, a block per section and the ranked lists."""

    def __init__(self, request):
        self.request = request
        self.stories = edition_stories().with_cards()
        # Lists older than RANKINGS_MAX_AGE (no job runner) are recomputed before the page is built;
        # the home page's block is kept under the time they were computed.
        self.rankings_stamp = rankings_keep_fresh(get_language())

    @cached_property
    def lead(self):
        return self.stories.lead_first().first()

    @cached_property
    def latest(self):
        return list(self.stories.exclude(pk=getattr(self.lead, "pk", None))[:LATEST_ON_HOME])

    @cached_property
    def section_blocks(self):
        """[(section, its newest stories)] in the sections' order, for sections that have any.

        The lead is shown once, at the top: its section's block reads one story more and leaves it out.
        """
        lead_pk = getattr(self.lead, "pk", None)
        by_section = {}
        for story in self.stories.latest_per_section(STORIES_PER_SECTION_BLOCK + 1):
            if story.pk != lead_pk:
                by_section.setdefault(story.section_id, []).append(story)
        sections = edition_sections(self.request)
        return [
            (section, by_section[section.pk][:STORIES_PER_SECTION_BLOCK])
            for section in sections
            if section.pk in by_section
        ]

    @cached_property
    def rankings(self):
        return edition_rankings(get_language(), refresh=False)

    @property
    def most_read(self):
        """Today's and this week's most read, as of the last refresh: two lists."""
        return self.rankings[Ranking.Kind.MOST_READ_TODAY], self.rankings[Ranking.Kind.MOST_READ_WEEK]

    @property
    def top_rated(self):
        return self.rankings[Ranking.Kind.TOP_RATED]

    @property
    def most_discussed(self):
        return self.rankings[Ranking.Kind.MOST_DISCUSSED]

    @property
    def alternates(self):
        return edition_homes()
