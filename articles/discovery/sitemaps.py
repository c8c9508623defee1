"""Sitemaps for crawlers: an index of each edition's sections and stories, and a Google News sitemap.

The index (/sitemap.xml) lists /sitemap-<name>.xml for every entry of SITEMAPS; long ones are split
into pages (?p=2) of Sitemap.limit URLs. The news sitemaps (news-en, news-ru) hold the last two days'
stories with the news: tags Google News reads.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page

from ..models import Article, Section

NEWS_SITEMAP_DAYS = 2
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_SITEMAP_LIMIT = 1000
SITEMAP_CACHE_SECONDS = 5 * 60


class EditionSitemap(Sitemap):
    def __init__(self, edition):
        self.edition = edition

    def get_urls(self, *args, **kwargs):
        # One switch to the edition's URL prefix for the page, not one per item (get_absolute_url's).
        with translation.override(self.edition):
            return super().get_urls(*args, **kwargs)


class SectionSitemap(EditionSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.filter(edition=self.edition)

    def location(self, item):
        return reverse("articles:section", kwargs={"section": item.slug})


class StorySitemap(EditionSitemap):
    # Pages of 1,000 (the protocol allows 50,000): a page renders in well under a second.
    limit = 1000

    def items(self):
        return (
            Article.objects.published()
            .in_edition(self.edition)
            .select_related("section")
            .only("pk", "slug", "edition", "section__slug", "published_at", "updated_at", "title")
            # Newest first straight from the (edition, status, -published_at) index; a tie-breaking id
            # would sort the whole edition for every page.
            .order_by("-published_at")
        )

    def location(self, item):
        return reverse("articles:detail", kwargs={"section": item.section.slug, "pk": item.pk, "slug": item.slug})

    def lastmod(self, item):
        return item.updated_at or item.published_at

    def stories(self):
        """The stories listed, unsliced."""
        return self.items()

    def get_latest_lastmod(self):
        # Django's default loads every item; a maximum over both dates would still read the whole edition.
        # The newest publication and the newest update are each the first entry of an index.
        stories = self.stories().order_by()
        published = stories.order_by("-published_at").values_list("published_at", flat=True).first()
        updated = (
            stories.filter(updated_at__isnull=False)
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )
        return max((moment for moment in (published, updated) if moment), default=None)


class NewsSitemap(StorySitemap):
    limit = NEWS_SITEMAP_LIMIT

    def stories(self):
        since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
        return super().items().filter(published_at__gte=since)

    def items(self):
        return self.stories()[:NEWS_SITEMAP_LIMIT]


SITEMAPS = {}
for _code, _name in settings.LANGUAGES:
    SITEMAPS[f"sections-{_code}"] = SectionSitemap(_code)
    SITEMAPS[f"stories-{_code}"] = StorySitemap(_code)
    SITEMAPS[f"news-{_code}"] = NewsSitemap(_code)


# Crawlers, not readers, ask for these, and a page of 1,000 stories takes a while to build: kept in the
# shared cache for a few minutes, which also bounds what a flood of requests can cost.
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section):
    """One sitemap of the index; news ones in the Google News format."""
    if not section.startswith("news-"):
        return sitemap_views.sitemap(request, SITEMAPS, section=section)
    response = sitemap_views.sitemap(request, SITEMAPS, section=section, template_name="sitemaps/news.xml")
    with translation.override(SITEMAPS[section].edition):
        response.context_data["publication_name"] = _("Newsportal")
    return response
