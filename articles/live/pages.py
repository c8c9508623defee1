"""What readers' pages read of a live blog: the page of entries, the poll's feed, an entry's place.

Kept like the story page's fragments, under the `site` version and the story's own: every entry
saved or deleted bumps the story's version (articles.live.invalidation), so a kept value is never
older than the blog, and a warm poll or page reads nothing from the database.
"""

from functools import cached_property

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext

from newsportal.pagecache import SITE, fragments, story_scope

from ..models import Article
from .models import LiveBlog, LiveEntry

# The newest entries a poll can hand out; a reader further behind is asked to reload.
FEED_SIZE = 50
# At most this many in one poll answer (a reader back from a long break reloads instead).
POLL_BATCH = 20


def entries_per_page():
    return settings.LIVE_ENTRIES_PER_PAGE


def poll_seconds():
    """The shortest pause between a reader's polls, while entries keep coming."""
    return settings.LIVE_POLL_SECONDS


def _kept(request, pk, name, load, *parts, schedule=False):
    found = fragments.versions(request, [SITE, story_scope(pk)], schedule=schedule)
    key = fragments.fragment_key(name, found, get_language(), pk, *parts) if found is not None else None
    return fragments.kept_value(key, load)


def live_page(request, article):
    """The live blog part of the story page, or None for an ordinary story."""
    try:
        blog = article.live_blog  # read with the story (StoryView.get_queryset), else one query
    except LiveBlog.DoesNotExist:
        return None
    return LivePage(request, blog) if blog is not None else None


class LivePage:
    """A page of a live blog as the story page shows it: pinned entries and key events on every page,
    the other entries newest first, `entries_per_page()` at a time (`?page=`)."""

    def __init__(self, request, blog):
        self.request = request
        self.blog = blog
        self.entries = LiveEntry.objects.filter(blog=blog)
        self.page_asked = request.GET.get("page") or "1"

    @property
    def page_part(self):
        """The page number as part of the story block's key: None (not kept) for odd spellings."""
        page = self.page_asked
        return page if page.isdigit() and len(page) < 7 and not page.startswith("0") else None

    @cached_property
    def page_obj(self):
        paginator = Paginator(self.entries.stream().with_cards(), entries_per_page(), allow_empty_first_page=True)
        try:
            return paginator.page(self.page_asked)
        except InvalidPage as error:
            raise Http404(str(error)) from error

    @cached_property
    def pinned(self):
        return list(self.entries.pinned().newest_first().with_cards())

    @cached_property
    def key_events(self):
        """(entry, link) of each key event: its anchor, on the page of the stream it falls on."""
        events = list(self.entries.key_events().only("id", "title", "body", "published_at", "is_pinned", "blog"))
        places = entry_places(self.blog.pk) if events else {}
        return [(event, entry_link(event, places.get(event.pk, 1))) for event in events]

    @property
    def first_poll(self):
        return poll_seconds()

    @property
    def new_entries_labels(self):
        """ "N new entries" in the reader's language, one per plural category the page's script may need
        (Intl.PluralRules names the category; ngettext picks the form for a number of that category)."""

        def label(number):
            return ngettext("%(count)s new entry", "%(count)s new entries", number)

        return {"one": label(1), "few": label(2), "many": label(5), "other": label(2)}

    @cached_property
    def latest_id(self):
        return self.entries.order_by("-id").values_list("id", flat=True).first() or 0


def entry_places(blog_pk):
    """{entry id: page of the stream it is on}; pinned entries are on every page (1)."""
    per_page = entries_per_page()
    ids = LiveEntry.objects.filter(blog_id=blog_pk).stream().values_list("id", flat=True)
    return {pk: index // per_page + 1 for index, pk in enumerate(ids)}


def entry_link(entry, page):
    """The entry's address relative to its story page: the page of entries it is on, and its anchor."""
    return f"{'' if page == 1 else f'?page={page}'}#entry-{entry.pk}"


def entry_place(entry):
    return 1 if entry.is_pinned else entry_places(entry.blog_id).get(entry.pk, 1)


def render_entry(entry, request=None):
    return render_to_string("articles/live/_entry.html", {"entry": entry}, request=request).strip()


def live_feed(request, article_pk):
    """What polls are answered from: the blog's state and its newest entries, rendered. None: no blog."""

    def load():
        live_stories = Article.objects.published().in_edition(get_language())
        blog = LiveBlog.objects.filter(article_id=article_pk, article__in=live_stories).first()
        if blog is None:
            return None
        newest = list(LiveEntry.objects.filter(blog=blog).order_by("-id").with_cards()[:FEED_SIZE])
        return {
            "live": blog.is_live,
            "last_at": max((entry.published_at for entry in newest), default=blog.opened_at).timestamp(),
            "entries": [
                {"id": entry.pk, "pinned": entry.is_pinned, "html": render_entry(entry)} for entry in reversed(newest)
            ],
        }

    # `schedule`: a scheduled story's blog answers once the story is live, with no save.
    return _kept(request, article_pk, "live-feed", load, schedule=True)


def poll_answer(feed, after):
    """The poll's JSON: the entries newer than `after` (0: a page that holds none yet), the blog's state
    and when to ask again."""
    entries = feed["entries"]
    latest = entries[-1]["id"] if entries else 0
    fresh = [entry for entry in entries if entry["id"] > after]
    # Entries the feed no longer holds may have come between: the reader reloads rather than miss them.
    missed = len(entries) == FEED_SIZE and after < entries[0]["id"]
    answer = {"status": "live" if feed["live"] else "archived", "latest": latest, "entries": [], "reload": False}
    if fresh and (missed or len(fresh) > POLL_BATCH):
        answer["reload"] = True
    else:
        answer["entries"] = fresh
    if feed["live"]:
        answer.update(poll_intervals(feed["last_at"], changed=bool(fresh)))
    else:
        answer["interval"] = None
    return answer


def poll_intervals(last_at, *, changed):
    """Seconds until the next poll: short while entries come, longer as the blog goes quiet; a tab in
    the background asks four times less often, and stops after `hiddenStop` seconds."""
    base = poll_seconds()
    quiet = timezone.now().timestamp() - last_at
    interval = base if quiet < 600 else base * 2 if quiet < 3600 else base * 4
    if not changed:
        interval = min(interval * 2, base * 8)
    return {"interval": interval, "hiddenInterval": interval * 4, "hiddenStop": 600}
