"""Readers' side of live blogs: the poll and the entries' permalinks (the page itself is the story's)."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from newsportal.pagecache.pages import shared_page

from ..models import Article
from .models import LiveEntry
from .pages import entry_link, entry_place, live_feed, poll_answer


def poll_scopes(request, kwargs):
    from newsportal.pagecache import story_scope

    return [story_scope(kwargs["pk"])]


@require_GET
@shared_page("live", scopes=poll_scopes)
def poll(request, pk):
    """The entries after `?after=<id>`, for the pages readers keep open. Kept whole in the shared page
    cache per address (hits read nothing); the answer itself comes from the kept feed (a miss reads
    nothing either, unless an entry changed). Only `after` values the feed knows are kept: other numbers
    are answered, not stored, so made-up addresses cannot fill the cache."""
    after = request.GET.get("after", "0")
    if not after.isdigit() or len(after) > 18:
        return JsonResponse({"error": _("“after” must be the id of an entry.")}, status=400)
    feed = live_feed(request, pk)
    if feed is None:
        raise Http404("No live blog")
    after = int(after)
    response = JsonResponse(poll_answer(feed, after))
    if after and after not in {entry["id"] for entry in feed["entries"]}:
        response["Cache-Control"] = "no-store"
    return response


def entry_permalink(request, pk, entry):
    """An entry's permalink: the story page of entries it is on, opened at the entry; the blog's first
    page when the entry has been deleted since the link was shared."""
    stories = Article.objects.published().in_edition(get_language()).select_related("section")
    article = get_object_or_404(stories, pk=pk, live_blog__isnull=False)
    found = LiveEntry.objects.filter(blog_id=pk, pk=entry).only("id", "is_pinned", "blog_id").first()
    if found is None:
        return redirect(article)
    return redirect(article.get_absolute_url() + entry_link(found, entry_place(found)))
