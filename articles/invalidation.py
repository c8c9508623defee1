"""What in articles changes the pages readers see, connected to the page cache (docs/page-cache.md).

The admin and the editors' other tools save through the models, so their signals catch every change;
the page cache learns from here when the next scheduled story goes live.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from newsportal.pagecache.hooks import editorial_change, next_publication_source


def next_publication():
    """When the next scheduled story goes live (a Unix time), or None."""
    from .models import Article

    moment = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    return moment.timestamp() if moment else None


def connect():
    from taggit.models import Tag

    from .models import Article, Author, Correction, Photo, RelatedLink, Section

    for model in (Article, Section, Author, Photo, RelatedLink, Correction, Tag):
        uid = f"pagecache.{model._meta.label_lower}"
        post_save.connect(editorial_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(editorial_change, sender=model, dispatch_uid=f"{uid}.delete")
    for through in (Article.tags.through, Article.authors.through):
        m2m_changed.connect(editorial_change, sender=through, dispatch_uid=f"pagecache.{through._meta.label_lower}")
    next_publication_source(next_publication)
    from .live.invalidation import connect as live_connect

    live_connect()
