"""Which stories readers may see, and the narrowing every list of them shares (no import of the app's
models: the search copy's queryset uses it too, articles.discovery.models)."""

from django.db import models
from django.utils import timezone


class PublicationQuerySet(models.QuerySet):
    """What readers may see and how lists narrow it: the stories' and their search copy's (SearchEntry)
    querysets share it, so a search form narrows either the same way."""

    def published(self):
        """Visible to readers: published and due.

        Embargoed stories need no condition of their own: a published story's time is never before its
        embargo (the constraint published_article_respects_embargo), so they are not due until it lifts."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def in_edition(self, edition):
        return self.filter(edition=edition)

    def in_section(self, section):
        return self.filter(section=section)
