"""What the admin and the editors' other tools change, caught where they save (model signals).

Bulk writes (queryset.update()) send no signals: the services and admin actions that make them call
the functions of newsportal.pagecache themselves.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save


def next_publication():
    """When the next scheduled story goes live (a Unix time), or None."""
    from articles.models import Article

    moment = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    return moment.timestamp() if moment else None


def _editorial_change(sender, **kwargs):
    from . import site_changed

    site_changed()


def connect():
    from taggit.models import Tag

    from articles.models import Article, Author, Correction, Photo, RelatedLink, Section

    for model in (Article, Section, Author, Photo, RelatedLink, Correction, Tag):
        uid = f"pagecache.{model._meta.label_lower}"
        post_save.connect(_editorial_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_editorial_change, sender=model, dispatch_uid=f"{uid}.delete")
    for through in (Article.tags.through, Article.authors.through):
        m2m_changed.connect(_editorial_change, sender=through, dispatch_uid=f"pagecache.{through._meta.label_lower}")
