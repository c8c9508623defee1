"""The footer's links, read once and kept until an editor changes a page."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from newsportal.pagecache.hooks import editorial_change

FOOTER_KEY = "infopages:footer:{edition}"


def footer_pages():
    """[(title, address)] of the current edition's pages linked from the footer.

    Every page's footer shows them, so they are kept in the shared cache (no query per page) and
    dropped when a page is saved or deleted, which also renews every page (the `site` version).
    """
    edition = get_language()
    key = FOOTER_KEY.format(edition=edition)
    links = cache.get(key)
    if links is None:
        from .models import InfoPage

        links = [
            (page.title, page.get_absolute_url())
            for page in InfoPage.objects.filter(edition=edition, in_footer=True).only("edition", "slug", "title")
        ]
        cache.set(key, links, None)
    return links


def footer_pages_changed(**kwargs):
    cache.delete_many([FOOTER_KEY.format(edition=code) for code, _name in settings.LANGUAGES])


def connect():
    from .models import InfoPage

    for signal in (post_save, post_delete):
        signal.connect(footer_pages_changed, sender=InfoPage, dispatch_uid=f"infopages.footer.{signal}")
        signal.connect(editorial_change, sender=InfoPage, dispatch_uid=f"pagecache.infopages.{signal}")
