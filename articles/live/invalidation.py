"""What in live blogs changes the pages readers see (docs/live.md, docs/page-cache.md)."""

from django.db.models.signals import post_delete, post_save

from newsportal import pagecache


def entry_changed(sender, instance, **kwargs):
    # A blog's id is its story's: the story page and its poll, nothing else, show entries.
    pagecache.story_changed(article_ids=[instance.blog_id])


def blog_changed(sender, instance, **kwargs):
    # Opening or closing a blog changes how the story looks wherever it is listed.
    pagecache.site_changed()


def connect():
    from .models import LiveBlog, LiveEntry

    post_save.connect(entry_changed, sender=LiveEntry, dispatch_uid="pagecache.live_entry.save")
    post_delete.connect(entry_changed, sender=LiveEntry, dispatch_uid="pagecache.live_entry.delete")
    post_save.connect(blog_changed, sender=LiveBlog, dispatch_uid="pagecache.live_blog.save")
    post_delete.connect(blog_changed, sender=LiveBlog, dispatch_uid="pagecache.live_blog.delete")
