import datetime

from django.conf import settings
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import DayArchiveView, DetailView, ListView, MonthArchiveView, YearArchiveView
from django.views.generic.list import MultipleObjectMixin
from taggit.models import Tag

from newsportal.pagecache.pages import home_page_scopes, shared_page, story_page_scopes

from .editions import edition_homes, page_alternates, story_alternates
from .live.pages import live_page
from .models import Article, Author
from .pages import HomePage, edition_sections, edition_stories, kept_story
from .querysets import with_page_extras

# Lists of stories are the same for every reader: public for a minute, and in the shared page cache.
public_cache = method_decorator(shared_page("listing"), name="dispatch")

MORE_FROM_SECTION = 4


@shared_page("listing", scopes=home_page_scopes)
def home(request):
    return render(request, "articles/home.html", {"home": HomePage(request), "alternates": edition_homes()})


class LazyPageMixin:
    """The page of stories is read when the template shows it: never when the list's block comes from
    the fragment cache. A page number past the end still answers 404 (raised while rendering)."""

    def get_context_data(self, **kwargs):
        queryset = kwargs.pop("object_list", self.object_list)
        paginated = SimpleLazyObject(lambda: self.paginate_queryset(queryset, self.get_paginate_by(queryset)))
        stories = SimpleLazyObject(lambda: paginated[2])
        context = {
            "paginator": SimpleLazyObject(lambda: paginated[0]),
            "page_obj": SimpleLazyObject(lambda: paginated[1]),
            "object_list": stories,
            self.get_context_object_name(queryset): stories,
            "listing_page": self.listing_page(),
            **kwargs,
        }
        # MultipleObjectMixin's own would paginate now.
        return super(MultipleObjectMixin, self).get_context_data(**context)

    def listing_page(self):
        """The page asked for, as the list's fragment key: None (not kept) for odd spellings."""
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or "1"
        if page == "last" or (page.isdigit() and len(page) < 7 and not page.startswith("0")):
            return page
        return None


class StoryListView(LazyPageMixin, ListView):
    """A paginated list of story cards; subclasses narrow the stories."""

    template_name = "articles/story_list.html"
    context_object_name = "stories"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return self.narrow(edition_stories().with_cards())

    def narrow(self, stories):
        return stories


@public_cache
class SectionView(StoryListView):
    template_name = "articles/section.html"

    def narrow(self, stories):
        self.section = next(
            (section for section in edition_sections(self.request) if section.slug == self.kwargs["section"]), None
        )
        if self.section is None:
            raise Http404("No such section")
        return stories.in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


@public_cache
class TagView(StoryListView):
    template_name = "articles/tag.html"

    def narrow(self, stories):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return stories.tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


@public_cache
class AuthorView(StoryListView):
    template_name = "articles/author.html"

    def narrow(self, stories):
        self.author = get_object_or_404(Author.objects.select_related("photo"), slug=self.kwargs["slug"])
        return stories.by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArchiveMixin(LazyPageMixin):
    date_field = "published_at"
    month_format = "%m"
    allow_empty = True
    context_object_name = "stories"
    template_name = "articles/archive.html"

    def get_queryset(self):
        return edition_stories().with_cards()

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The dates with stories (a year's months), read when shown (allow_empty: never a 404 for none)."""
        return queryset.dates(self.get_date_field(), date_type or self.get_date_list_period(), ordering)

    def get_context_data(self, **kwargs):
        # The switch keeps the reader on the same date in the other edition.
        dates = {key: self.kwargs[key] for key in ("year", "month", "day") if key in self.kwargs}
        viewname = "articles:archive_" + ("day" if "day" in dates else "month" if "month" in dates else "year")
        return super().get_context_data(alternates=page_alternates(viewname, **dates), **kwargs)


@public_cache
class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = True


@public_cache
class MonthArchive(ArchiveMixin, MonthArchiveView):
    pass


@public_cache
class DayArchive(ArchiveMixin, DayArchiveView):
    """A day's stories, with links to the nearest days that have any (empty days are skipped).

    The neighbours are read when the page's block renders, not when it comes from the fragment cache."""

    def get_previous_day(self, date):
        start = self._make_date_lookup_arg(date)
        return SimpleLazyObject(lambda: edition_stories().day_with_stories(start, before=True))

    def get_next_day(self, date):
        start = self._make_date_lookup_arg(date + datetime.timedelta(days=1))
        return SimpleLazyObject(lambda: edition_stories().day_with_stories(start, before=False))


@method_decorator(shared_page("story", scopes=story_page_scopes), name="dispatch")
class StoryView(DetailView):
    """A story page. Staff also see drafts and scheduled stories, as a preview."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # A live blog comes in the story's own query (a join), so ordinary stories pay nothing for it.
        return Article.objects.in_edition(get_language()).with_page().published().select_related("live_blog")

    def get_object(self, queryset=None):
        """Live stories without a look at the session (a public page must not vary by cookie); the
        session is read only for a story readers cannot see, and only if the request carries one.

        A live story is kept with the page's fragments, under the same versions: any edit, publication
        change, vote or comment on it makes a new key, so a warm story page reads nothing.
        """
        read = super().get_object
        try:
            return kept_story(self.request, self.kwargs["pk"], lambda: with_page_extras(read(queryset)))
        except Http404:
            if settings.SESSION_COOKIE_NAME not in self.request.COOKIES or not self.request.user.is_staff:
                raise
            # A withdrawn story answers 410 to everyone, staff included (see get).
            previews = Article.objects.in_edition(get_language()).exclude(status=Article.Status.WITHDRAWN)
            return with_page_extras(super().get_object(previews.with_page()))

    def get(self, request, *args, **kwargs):
        try:
            self.object = article = self.get_object()
        except Http404:
            withdrawn = Article.objects.in_edition(get_language()).withdrawn().select_related("section")
            killed = withdrawn.filter(pk=kwargs["pk"]).first()
            if killed is None:
                raise
            # Gone on purpose, and said so: partners' and search engines' copies drop it.
            return render(request, "articles/withdrawn.html", {"article": killed}, status=410)
        if kwargs["slug"] != article.slug or kwargs["section"] != article.section.slug:
            # Old links keep working after an editor renames the story or moves it.
            return redirect(article, permanent=True)
        response = self.render_to_response(self.get_context_data(object=article))
        if not article.is_live:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        # Read only if "More from" is rendered, not when it comes from the fragment cache.
        more = SimpleLazyObject(
            lambda: list(
                edition_stories().with_cards().in_section(article.section).exclude(pk=article.pk)[:MORE_FROM_SECTION]
            )
        )
        return super().get_context_data(
            is_preview=not article.is_live,
            more_from_section=more,
            alternates=story_alternates(article),
            live=SimpleLazyObject(lambda: live_page(self.request, article)),
            **kwargs,
        )


@never_cache
def reader_csrf(request):
    """A fresh CSRF token for the scripts of cached pages (which carry none)."""
    return JsonResponse({"csrfToken": get_token(request)})
