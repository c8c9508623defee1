"""Reader pages and endpoints for finding stories: search, robots.txt and the "seen" beacon."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from newsportal.readers.clients import is_bot
from newsportal.readers.limits import rate_limit

from ..pages import edition_sections, edition_stories
from .search import SearchForm, highlight, highlighted, in_order, search_candidates
from .viewcounts import article_view_count


@require_safe
@cache_control(public=True, max_age=60)
def search(request):
    """Search results: best match first, the matching words marked, narrowed by section and dates."""
    form = SearchForm(request.GET, sections=edition_sections(request))
    context = {"form": form, "query": "", "page_obj": None}
    if not form.is_valid():
        return render(request, "articles/search.html", context, status=400)
    query = form.cleaned_data["q"].strip()
    context["query"] = query
    if not query:
        return render(request, "articles/search.html", context)
    kept = {k: v for k, v in form.cleaned_data.items() if v and k != "q"}
    context.update(
        results=SearchResults(form, query, get_language(), request.GET.get("page")),
        page_query=urlencode(
            {"q": query, **{k: getattr(v, "slug", v) for k, v in kept.items()}},
        ),
    )
    return render(request, "articles/search.html", context)


class SearchResults:
    """One page of a search's results, found when the template first asks for them: a page whose results
    block is kept rendered (`{% fragment %}`, keyed by the query, its filters and the page) runs no query."""

    def __init__(self, form, query, edition, page_number):
        self.form, self.query, self.edition = form, query, edition
        self.page_number = page_number

    @cached_property
    def page(self):
        # Narrowed first, so that the newest matches ranked (settings.SEARCH_MAX_RANKED) are those of the
        # section and dates.
        found = self.form.matches(search_candidates(), self.edition)
        page = Paginator(found, settings.ARTICLES_PER_PAGE).get_page(self.page_number)
        shown = highlighted(edition_stories().with_cards().defer("search_vector"), self.query, self.edition)
        page.object_list = highlight(in_order(shown, page.object_list), self.query)
        return page

    @property
    def more_than_ranked(self):
        return self.page.paginator.count >= settings.SEARCH_MAX_RANKED

    @property
    def kept_as(self):
        """The page number the block is kept under: only the plain spelling of one ("2", not "02" or
        "last"), so odd addresses render without filling the cache with copies."""
        number = self.page_number or "1"
        return number if number.isdigit() and str(int(number)) == number else None


# The beacon changes nothing a reader owns (one more anonymous view of a public story), so a forged
# cross-site POST gains nothing a script could not do by itself, and cached pages carry no token for
# sendBeacon to send. The exemption is for this counter only; the rate limit keeps one address from
# inflating counts.
@csrf_exempt  # nosemgrep: csrf-exempt (a view counter, see above)
@require_POST
@never_cache
@rate_limit(group="articles.seen", rate="VIEW_COUNT_RATE")
def reader_seen(request, pk):
    """A reader opened story `pk`: count it for "Most read" (crawlers that say so are not counted)."""
    if not is_bot(request):
        article_view_count(article_id=pk)
    return HttpResponse(status=204)


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Crawlers: everything but the admin, the reader endpoints and search results; where the sitemaps are."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('articles:search')}")
            lines.append(f"Disallow: {reverse('articles:home')}reader/")
    lines.append("")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    for code, _name in settings.LANGUAGES:
        url = reverse("sitemap_section", kwargs={"section": f"news-{code}"})
        lines.append(f"Sitemap: {request.build_absolute_uri(url)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
