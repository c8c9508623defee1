"""What the apps tell the page cache, without the page cache knowing the apps.

The apps connect their models' signals to `editorial_change` (articles/invalidation.py) and name the
source of the next scheduled publication with `next_publication_source`: the page cache sits below the
apps and imports none of them. Bulk writes (queryset.update()) send no signals: the services and admin
actions that make them call the functions of newsportal.pagecache themselves.
"""

_next_publication = None


def next_publication_source(source):
    """Register source(): when the next scheduled story goes live (a Unix time), or None."""
    global _next_publication  # noqa: PLW0603 (one source per process, set once at start-up)
    _next_publication = source


def next_publication():
    """When the next scheduled story goes live (a Unix time), or None (or no source registered)."""
    return _next_publication() if _next_publication is not None else None


def editorial_change(sender, **kwargs):
    """A signal receiver: something every page may show has changed."""
    from . import site_changed

    site_changed()
