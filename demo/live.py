"""The showcase's live blog: each edition's lead story (pinned on the home page) told as it happens."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape

from articles.live.models import LiveEntry
from articles.live.services import live_blog_open
from articles.models import Article
from newsportal import pagecache

from .phrasebook import phrase_bank

# Minutes between the demo's entries: an afternoon of coverage, the newest a few minutes old.
ENTRY_SPACING = 17


def demo_live_blog_seed(*, edition, now=None):
    """Make the edition's pinned lead story a live blog with the bank's entries (once); returns the blog."""
    story = Article.objects.published().in_edition(edition).filter(is_pinned=True).order_by("-published_at").first()
    if story is None or hasattr(story, "live_blog"):
        return None
    now = now or timezone.now()
    entries = phrase_bank("live", edition).entries
    started = now - timedelta(minutes=ENTRY_SPACING * len(entries))
    blog = live_blog_open(article=story)
    blog.opened_at = min(started, story.published_at)
    blog.save(update_fields=["opened_at"])
    LiveEntry.objects.bulk_create(
        LiveEntry(
            blog=blog,
            title=entry.get("title", ""),
            body=f"<p>{escape(entry['text'])}</p>",
            is_key_event=entry.get("key_event", False),
            published_at=started + timedelta(minutes=ENTRY_SPACING * (position + 1) - 3),
        )
        for position, entry in enumerate(entries)
    )
    pagecache.story_changed(article_ids=[blog.pk])  # bulk_create sends no signals
    return blog
