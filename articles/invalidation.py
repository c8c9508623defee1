"""What in articles changes the pages readers see, connected to the page cache (docs/page-cache.md).

The admin and the editors' other tools save through the models, so their signals catch every change;
the page cache learns from here when the next scheduled story goes live (or breaking news ends).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from newsportal.pagecache.hooks import editorial_change, next_publication_source


def next_publication():
    """When the next scheduled story goes live or the next breaking news flag ends (a Unix time), or None:
    either changes what pages show without any save. One query."""
    from django.db import connections
    from django.utils import timezone

    from .breaking.services import next_breaking_change_query
    from .models import Article

    now = timezone.now()
    scheduled = Article.objects.filter(status="published", published_at__gt=now)
    scheduled = scheduled.order_by("published_at").values_list("published_at", flat=True)[:1]
    breaking = next_breaking_change_query(now)
    if connections[scheduled.db].features.supports_slicing_ordering_in_compound:
        found = scheduled.union(breaking, all=True)
    else:  # SQLite (the demo) cannot limit the parts of a UNION: two queries there.
        found = [*scheduled, *breaking]
    moments = [moment for moment in found if moment]
    return min(moments).timestamp() if moments else None


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
