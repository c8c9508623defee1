"""Writes to live blogs (editors' screen, `manage.py live_entry`, scripts) and what the pages read.

Every write goes through a model save or delete, so the signals in articles.live.invalidation tell the
page cache: an entry changes only its story's page and poll; opening or closing a blog, the site.
"""

from django.db import transaction
from django.utils import timezone

from .models import LiveBlog, LiveEntry


@transaction.atomic
def live_blog_open(*, article):
    """Make the story a live blog (again, if it was closed): readers' pages start looking for entries."""
    blog, _created = LiveBlog.objects.select_for_update().get_or_create(article=article)
    if not blog.is_live:
        blog.status, blog.closed_at = LiveBlog.Status.LIVE, None
        blog.save()
    return blog


def live_blog_close(*, blog, at=None):
    """Archive the blog: the page keeps its entries, readers' pages stop polling."""
    if blog.is_live:
        blog.status, blog.closed_at = LiveBlog.Status.ARCHIVED, at or timezone.now()
        blog.save()
    return blog


def live_entry_add(*, blog, body, title="", photo=None, author=None, is_key_event=False, is_pinned=False, user=None):
    entry = LiveEntry(
        blog=blog,
        title=title,
        body=body,
        photo=photo,
        author=author,
        is_key_event=is_key_event,
        is_pinned=is_pinned,
        created_by=user,
    )
    entry.full_clean(exclude=["blog"])
    entry.save()
    return entry


def live_entry_pin(*, entry, pinned=True):
    if entry.is_pinned != pinned:
        entry.is_pinned = pinned
        entry.save(update_fields=["is_pinned", "edited_at"])
    return entry


def live_entry_delete(*, entry):
    entry.delete()
