from django.db import models
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from newsportal.editions import edition_codes

from .publication import PublicationQuerySet


class JSONList(models.Aggregate):
    """The rows' values as one JSON array (a JSON object per row stays an object)."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class ArticleQuerySet(PublicationQuerySet):
    def live(self, edition=None):
        """The stories a reader of an edition (the current one unless named) can act on: rate, comment
        on, report a typo in. Published and due, and in the edition of the address the reader used."""
        return self.published().in_edition(edition or get_language()).select_related("section")

    def scheduled(self):
        """Published with a time still to come; an embargo never ends after it (a constraint of Article)."""
        return self.filter(status="published", published_at__gt=timezone.now())

    def withdrawn(self):
        """Killed by the desk: gone from every list, their address answers 410 with the editors' note."""
        return self.filter(status="withdrawn")

    def published_per_day(self, *, since):
        """{day: stories published} from `since` until now, days in the site's time zone.

        Every edition named, so the (edition, status, published_at) index serves the range."""
        rows = (
            self.published()
            .filter(edition__in=edition_codes(), published_at__gte=since)
            .annotate(day=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
            .order_by()
            .values_list("day")
            # COUNT(*): the index alone answers it (no heap visit for the id).
            .annotate(n=models.Count("*"))
        )
        return dict(rows)

    def by_author(self, author):
        return self.filter(authors=author)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def day_with_stories(self, boundary, *, before):
        """The local date of the nearest story before `boundary` (before=True) or from it on, or None.

        One row read from the top of the (edition, status, published_at) index, however many empty
        days lie between: how a day's archive finds its previous and next days."""
        if before:
            nearest = self.filter(published_at__lt=boundary).order_by("-published_at")
        else:
            nearest = self.filter(published_at__gte=boundary).order_by("published_at")
        moment = nearest.values_list("published_at", flat=True).first()
        return timezone.localdate(moment) if moment else None

    def with_cards(self):
        """What a story card shows: section and thumbnail, without the body."""
        return self.select_related("section", "image").defer("body")

    def with_page(self):
        """Everything the story page shows, in a fixed number of queries.

        Authors and tags are read by the blocks that show them (`{% story_relations %}`), so a page
        whose blocks are kept rendered reads neither.

        Corrections and related links are rare: the story's own query says whether it has any
        (see with_page_extras), so most stories cost no query for them.
        """
        from django.db.models import Exists, OuterRef

        corrections = self.model.corrections.rel.related_model.objects.filter(article=OuterRef("pk"))
        links = self.model.related_links.rel.related_model.objects.filter(article=OuterRef("pk"))
        return (
            self.select_related("section", "image")
            .annotate(has_corrections=Exists(corrections), has_related_links=Exists(links))
            .with_other_versions()
            .with_developing()
        )

    def with_developing(self):
        """Each story's links along its developing-story chain (articles/breaking/developing.py), read in
        the story's own query: the newest live story after it in its chain (`developing_newer_found`) and
        the live story it develops (`developing_earlier_found`: the one it follows, else the newest live
        one before it in the chain), as JSON objects or None (Article.developing_newer/_earlier)."""
        from django.db.models import OuterRef, Subquery
        from django.db.models.functions import Coalesce, JSONObject

        def first_as_json(stories):
            found = JSONObject(pk="pk", title="title", slug="slug", edition="edition", section_slug="section__slug")
            return Subquery(stories.values(found=found)[:1], output_field=models.JSONField())

        live = self.model.objects.published()
        chain = live.filter(developing_thread=OuterRef("developing_thread")).exclude(pk=OuterRef("pk"))
        newer = chain.filter(published_at__gt=OuterRef("published_at")).order_by("-published_at", "-pk")
        before = chain.filter(published_at__lte=OuterRef("published_at")).order_by("-published_at", "-pk")
        followed = live.filter(pk=OuterRef("follows_id"))
        return self.annotate(
            developing_newer_found=first_as_json(newer),
            developing_earlier_found=Coalesce(
                first_as_json(followed), first_as_json(before), output_field=models.JSONField()
            ),
        )

    def with_other_versions(self):
        """Each story's versions in the other editions, read in the story's own query (Article.other_versions)."""
        from django.db.models import JSONField, OuterRef, Subquery
        from django.db.models.functions import JSONObject

        versions = (
            self.model.objects.filter(translation_group=OuterRef("translation_group"))
            .exclude(pk=OuterRef("pk"))
            .order_by()
            .values("translation_group")
            .annotate(
                found=JSONList(
                    JSONObject(
                        pk="pk",
                        edition="edition",
                        slug="slug",
                        section_slug="section__slug",
                        status="status",
                        published_at="published_at",
                    )
                )
            )
            .values("found")
        )
        return self.annotate(other_versions_found=Subquery(versions, output_field=JSONField()))

    def shown_related_links(self):
        """A story's related links readers may follow: external ones and links to stories that are live.

        Applied for everyone, staff previews included: a live story's page is cached and shared, so it
        must never name a draft, a scheduled or a withdrawn story."""
        now = timezone.now()
        links = self.model.related_links.rel.related_model.objects.select_related("target__section", "target__image")
        return links.filter(
            models.Q(target__isnull=True) | models.Q(target__status="published", target__published_at__lte=now)
        )

    def with_feed(self):
        """What a feed item shows: a card's fields plus bylines and tags, in a fixed number of queries."""
        return self.with_cards().prefetch_related("authors", "tags")

    def search(self, query, edition):
        """Stories of the edition matching a reader's query, best match first (full text on PostgreSQL)."""
        from .discovery.search import search_stories

        return search_stories(self, query, edition)

    def most_read(self, *, today, since, top):
        """The `top` most opened stories of `today` and of the days from `since`, in one query.

        Each row carries views_today/views_total and its rank in either list (today_rank, total_rank);
        a story may be in both lists. Counts come from ArticleDailyViews, i.e. as of the last flush.
        """
        from django.db.models import F, Q, Sum, Window
        from django.db.models.functions import Coalesce, RowNumber

        ranked = (
            self.filter(daily_views__date__gte=since)
            .annotate(
                views_total=Sum("daily_views__views"),
                views_today=Coalesce(Sum("daily_views__views", filter=Q(daily_views__date=today)), 0),
            )
            .annotate(
                total_rank=Window(RowNumber(), order_by=[F("views_total").desc(), F("id").desc()]),
                today_rank=Window(RowNumber(), order_by=[F("views_today").desc(), F("id").desc()]),
            )
        )
        return ranked.filter(Q(total_rank__lte=top) | Q(today_rank__lte=top))

    def lead_first(self):
        """Pinned, then featured, then newest."""
        return self.order_by("-is_pinned", "-is_featured", "-published_at", "-id")

    def latest_per_section(self, per_section):
        """The newest few stories of every section, in one query.

        On PostgreSQL each section reads only its newest rows from the (section, status, published_at)
        index (a LATERAL join with a LIMIT), so the cost does not grow with the archive; elsewhere a
        window function over the stories stands in.
        """
        from django.db import connections
        from django.db.models import F, Window
        from django.db.models.expressions import RawSQL
        from django.db.models.functions import RowNumber

        if connections[self.db].vendor != "postgresql":
            ranked = self.annotate(
                rank_in_section=Window(
                    RowNumber(), partition_by=[F("section_id")], order_by=[F("published_at").desc(), F("id").desc()]
                )
            )
            return ranked.filter(rank_in_section__lte=per_section).order_by("section_id", "rank_in_section")
        # The LATERAL part repeats the visibility rule of published() so that it can walk the index;
        # the outer filter still applies the queryset's own conditions (edition, visibility).
        stories = self.model._meta.db_table
        sections = self.model._meta.get_field("section").related_model._meta.db_table
        # Table names come from the models and values are parameters.
        newest = RawSQL(  # noqa: S611  # nosec B611
            f"""SELECT newest.id FROM {sections} AS section
                CROSS JOIN LATERAL (
                    SELECT story.id FROM {stories} AS story
                    WHERE story.section_id = section.id AND story.status = 'published' AND story.published_at <= %s
                    ORDER BY story.published_at DESC LIMIT %s
                ) AS newest""",  # noqa: S608
            [timezone.now(), per_section],
        )
        return self.filter(pk__in=newest).order_by("section_id", "-published_at", "-id")

    def top_rated(self, *, since, prior_weight=None):
        """Stories published since `since` that readers rated, best first by a Bayesian average.

        Each story's own average is pulled towards the mean score of all the stories in this
        queryset by `prior_weight` imaginary votes (settings.RATING_PRIOR_WEIGHT), so one 5-star
        vote does not outrank a hundred votes averaging 4.8. One query: the mean is a subquery.
        """
        from django.conf import settings
        from django.db.models import ExpressionWrapper, F, FloatField, Func, Subquery, Value
        from django.db.models.functions import Cast, Coalesce, NullIf

        weight = Value(float(settings.RATING_PRIOR_WEIGHT if prior_weight is None else prior_weight))
        # SUM as a plain function, not an aggregate, so Django adds no GROUP BY: one row, the totals.
        site_mean = (
            self.order_by()
            .annotate(
                site_mean=Cast(Func(F("rating_sum"), function="SUM"), FloatField())
                / NullIf(Func(F("rating_count"), function="SUM"), 0)
            )
            .values("site_mean")[:1]
        )
        mean = Coalesce(Subquery(site_mean, output_field=FloatField()), Value(0.0))
        bayesian = ExpressionWrapper(
            (weight * mean + F("rating_sum")) / (weight + F("rating_count")), output_field=FloatField()
        )
        return (
            self.filter(published_at__gte=since, rating_count__gt=0)
            .annotate(rating_rank=bayesian)
            .order_by("-rating_rank", "-rating_count", "-published_at", "-id")
        )


def with_page_extras(article):
    """Load the corrections and related links of a story fetched by with_page(), querying only for those it has."""
    from django.db.models import Prefetch, prefetch_related_objects

    wanted = {
        "corrections": (lambda: "corrections", getattr(article, "has_corrections", True)),
        "related_links": (
            lambda: Prefetch("related_links", queryset=type(article).objects.shown_related_links()),
            getattr(article, "has_related_links", True),
        ),
    }
    cache = article.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, (lookup, present) in wanted.items():
        if present:  # the lookup is built only then: most stories have neither
            prefetch_related_objects([article], lookup())
        else:
            cache[name] = getattr(article, name).none()
    return article


class VoteQuerySet(models.QuerySet):
    def cast_by(self, voter):
        """The votes of one reader: by account when signed in, else by the anonymous id of their cookie."""
        if voter.user is not None:
            return self.filter(user=voter.user)
        if not voter.anonymous_id:
            return self.none()
        return self.filter(user__isnull=True, anonymous_id=voter.anonymous_id)

    def distribution(self):
        """How many votes gave each score, 1 to 5 (zeros included), in one query."""
        counts = dict(self.order_by().values_list("score").annotate(votes=models.Count("id")))
        return {score: counts.get(score, 0) for score in range(1, 6)}
