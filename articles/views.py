from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import DayArchiveView, DetailView, ListView, MonthArchiveView, YearArchiveView
from taggit.models import Tag

from newsportal.pagecache.pages import home_page_scopes, shared_page, story_page_scopes

from .editions import edition_homes, page_alternates, story_alternates
from .models import Article, Author, Section
from .querysets import with_page_extras

# Lists of stories are the same for every reader: public for a minute, and in the shared page cache.
public_cache = method_decorator(shared_page("listing"), name="dispatch")

LATEST_ON_HOME = 12
STORIES_PER_SECTION_BLOCK = 4
MORE_FROM_SECTION = 5


def edition_stories():
    """Stories readers of the current edition may see."""
    return Article.objects.published().in_edition(get_language())


SECTIONS_KEY = "sections:{edition}"


def edition_sections(request):
    """The current edition's sections (navigation, home, search share them).

    They change rarely, so they are kept in the shared cache until an editor saves or deletes one
    (articles.apps connects the signals), and looked up once per request.
    """
    if not hasattr(request, "_edition_sections"):
        key = SECTIONS_KEY.format(edition=get_language())
        sections = cache.get(key)
        if sections is None:
            sections = list(Section.objects.filter(edition=get_language()))
            cache.set(key, sections, None)
        request._edition_sections = sections
    return request._edition_sections


def sections_changed(**kwargs):
    """Signal receiver: a section was saved or deleted; every edition's list is read again."""
    cache.delete_many([SECTIONS_KEY.format(edition=code) for code, _name in settings.LANGUAGES])


@shared_page("listing", scopes=home_page_scopes)
def home(request):
    stories = edition_stories().with_cards()
    lead = stories.lead_first().first()
    latest = list(stories.exclude(pk=getattr(lead, "pk", None))[:LATEST_ON_HOME])
    by_section = {}
    for story in stories.latest_per_section(STORIES_PER_SECTION_BLOCK):
        by_section.setdefault(story.section_id, []).append(story)
    blocks = [(section, by_section[section.pk]) for section in edition_sections(request) if section.pk in by_section]
    context = {"lead": lead, "latest": latest, "section_blocks": blocks, "alternates": edition_homes()}
    return render(request, "articles/home.html", context)


class StoryListView(ListView):
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
        self.section = get_object_or_404(Section, edition=get_language(), slug=self.kwargs["section"])
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
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return stories.by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArchiveMixin:
    date_field = "published_at"
    month_format = "%m"
    allow_empty = True
    context_object_name = "stories"
    template_name = "articles/archive.html"

    def get_queryset(self):
        return edition_stories().with_cards()

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

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
    pass


@method_decorator(shared_page("story", scopes=story_page_scopes), name="dispatch")
class StoryView(DetailView):
    """A story page. Staff also see drafts and scheduled stories, as a preview."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.in_edition(get_language()).with_page().published()

    def get_object(self, queryset=None):
        """Live stories without a look at the session (a public page must not vary by cookie); the
        session is read only for a story readers cannot see, and only if the request carries one."""
        try:
            return with_page_extras(super().get_object(queryset))
        except Http404:
            if settings.SESSION_COOKIE_NAME not in self.request.COOKIES or not self.request.user.is_staff:
                raise
            return with_page_extras(super().get_object(Article.objects.in_edition(get_language()).with_page()))

    def get(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if kwargs["slug"] != article.slug or kwargs["section"] != article.section.slug:
            # Old links keep working after an editor renames the story or moves it.
            return redirect(article, permanent=True)
        response = self.render_to_response(self.get_context_data(object=article))
        if not article.is_live:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        more = edition_stories().with_cards().in_section(article.section).exclude(pk=article.pk)[:MORE_FROM_SECTION]
        return super().get_context_data(
            is_preview=not article.is_live,
            more_from_section=more,
            alternates=story_alternates(article),
            **kwargs,
        )


@never_cache
def reader_csrf(request):
    """A fresh CSRF token for the scripts of cached pages (which carry none)."""
    return JsonResponse({"csrfToken": get_token(request)})
