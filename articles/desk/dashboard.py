"""The desk dashboard on the admin index: what waits, what readers read, rate and discuss, and small
charts of the last fortnight, each part shown only to those whose permissions cover its rows.

Read-only: the ranked lists are read as the last refresh left them (articles.tasks every minute, or
the home page); the dashboard never recomputes them.
"""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsportal.editions import edition_codes

from ..discovery.rankings import edition_rankings
from ..models import Article, ArticleDailyViews, Ranking, Vote
from . import charts, waiting

# The lists shown, in this order, with the permission that shows each.
RANKED = [
    (Ranking.Kind.MOST_READ_TODAY, "articles.view_articledailyviews"),
    (Ranking.Kind.TOP_RATED, "articles.view_vote"),
    (Ranking.Kind.MOST_DISCUSSED, "articles.view_ranking"),
]
RANKED_PER_LIST = 5


@dataclass
class RankedList:
    title: str
    edition: str
    stories: list


@dataclass
class Dashboard:
    waiting: list = field(default_factory=list)
    ranked: list = field(default_factory=list)
    charts: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.waiting or self.ranked or self.charts)


def _ranked_for(user):
    kinds = [
        kind for kind, permission in RANKED if user.has_perm(permission) and user.has_perm("articles.view_ranking")
    ]
    if not kinds:
        return []
    lists = []
    for edition in edition_codes():
        places = edition_rankings(edition, refresh=False)
        lists += [
            RankedList(title=Ranking.Kind(kind).label, edition=edition, stories=places[kind][:RANKED_PER_LIST])
            for kind in kinds
        ]
    return lists


def dashboard_for(user) -> Dashboard:
    """Everything of the dashboard this user may see."""
    return Dashboard(waiting=waiting.waiting_for(user), ranked=_ranked_for(user), charts=charts.charts_for(user))


def _views_per_day():
    rows = (
        ArticleDailyViews.objects.filter(date__gte=charts.period_days()[0])
        .order_by()
        .values_list("date")
        .annotate(views=Sum("views"))
    )
    return charts.daily_points(dict(rows))


def _votes_by_score():
    scores = Vote.objects.filter(created_at__gte=charts.period_start()).distribution()
    return [
        charts.Point(label=str(score), value=count, long_label=_("%(score)d of 5") % {"score": score})
        for score, count in scores.items()
    ]


charts.chart_register(
    key="articles.published",
    title=gettext_lazy("Stories published per day"),
    permission="articles.view_article",
    points=lambda: charts.daily_points(Article.objects.published_per_day(since=charts.period_start())),
)
charts.chart_register(
    key="articles.views",
    title=gettext_lazy("Views per day"),
    permission="articles.view_articledailyviews",
    points=_views_per_day,
)
charts.chart_register(
    key="articles.votes",
    title=gettext_lazy("Votes by score, last two weeks"),
    permission="articles.view_vote",
    points=_votes_by_score,
)
