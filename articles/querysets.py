from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Visible to readers: published and due."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def in_edition(self, edition):
        return self.filter(edition=edition)

    def in_section(self, section):
        return self.filter(section=section)

    def by_author(self, author):
        return self.filter(authors=author)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def with_cards(self):
        """What a story card shows: section and thumbnail, without the body."""
        return self.select_related("section", "image").defer("body")

    def with_page(self):
        """Everything the story page shows, in a fixed number of queries."""
        return self.select_related("section", "image").prefetch_related(
            "authors",
            "tags",
            "corrections",
            models.Prefetch(
                "related_links",
                queryset=self.model.related_links.rel.related_model.objects.select_related("target__section"),
            ),
        )

    def lead_first(self):
        """Pinned, then featured, then newest."""
        return self.order_by("-is_pinned", "-is_featured", "-published_at", "-id")

    def latest_per_section(self, per_section):
        """The newest few stories of every section, in one query."""
        from django.db.models import F, Window
        from django.db.models.functions import RowNumber

        ranked = self.annotate(
            rank_in_section=Window(RowNumber(), partition_by=[F("section_id")], order_by=[F("published_at").desc()])
        )
        return ranked.filter(rank_in_section__lte=per_section).order_by("section_id", "rank_in_section")
