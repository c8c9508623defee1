"""The desk dashboard's small charts: figures per day or per value, drawn on the server as SVG.

Each app registers the charts of its own rows from its admin module (the comments app registers
"comments per day": articles never imports comments)::

    charts.chart_register(
        key="comments.per_day",
        title=_("Comments per day"),
        permission="comments.view_comment",
        points=lambda: charts.daily_points(Comment.objects.posted_per_day(since=charts.period_start())),
    )

A chart is drawn as bars in an <svg role="img"> with a title and a description, and its figures are
repeated in a table for screen readers and for reading exact numbers. No inline style or script (the
admin's strict CSP): bars are placed by SVG attributes and coloured by classes in css/admin-desk.css.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

# Days a "per day" chart covers, today included.
PERIOD_DAYS = 14

# The drawing's own units (viewBox); the stylesheet scales it to the column.
WIDTH = 320
HEIGHT = 120
AXIS = 16  # room under the bars for the labels
GAP = 2


@dataclass(frozen=True)
class Point:
    label: str
    value: int
    long_label: str = ""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    point: Point
    show_label: bool


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    points: list[Point]
    bars: list[Bar]
    total: int
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - AXIS

    @property
    def dom_id(self):
        return "chart-" + self.key.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class ChartSpec:
    title: object
    permission: str
    points: Callable[[], list[Point]]


_charts: dict[str, ChartSpec] = {}


def chart_register(*, key: str, title, permission: str, points: Callable[[], list[Point]]) -> None:
    """Add a chart to the dashboard; registering the same key again replaces it (module reloads)."""
    _charts[key] = ChartSpec(title=title, permission=permission, points=points)


def period_days():
    """The days of the period, oldest first, in the site's time zone."""
    today = timezone.localdate()
    return [today - timedelta(days=n) for n in range(PERIOD_DAYS - 1, -1, -1)]


def period_start():
    """The first moment of the period (midnight in the site's time zone), for filters on a time column."""
    return timezone.make_aware(datetime.combine(period_days()[0], time.min))


def daily_points(counts: dict[date, int]) -> list[Point]:
    """One point per day of the period, zero for the days without a row."""
    return [
        Point(
            label=formats.date_format(day, "j"),
            value=int(counts.get(day) or 0),
            long_label=formats.date_format(day, "DATE_FORMAT"),
        )
        for day in period_days()
    ]


def chart_draw(key, title, points: list[Point]) -> Chart:
    """Bars scaled to the largest value (an empty chart stays flat)."""
    peak = max((point.value for point in points), default=0)
    baseline = HEIGHT - AXIS
    step = WIDTH / max(len(points), 1)
    # Every label fits when there are few bars; a fortnight gets every other one.
    label_every = 1 if len(points) <= 7 else 2
    bars = []
    for index, point in enumerate(points):
        height = round(point.value / peak * (baseline - 4), 1) if peak else 0
        bars.append(
            Bar(
                x=round(index * step + GAP / 2, 1),
                y=round(baseline - height, 1),
                width=round(step - GAP, 1),
                height=height,
                point=point,
                show_label=(len(points) - 1 - index) % label_every == 0,
            )
        )
    total = sum(point.value for point in points)
    if points:
        description = _("%(first)s: %(first_value)s; %(last)s: %(last_value)s; highest %(peak)s, %(total)s in all.") % {
            "first": points[0].long_label or points[0].label,
            "first_value": points[0].value,
            "last": points[-1].long_label or points[-1].label,
            "last_value": points[-1].value,
            "peak": peak,
            "total": total,
        }
    else:
        description = _("No figures yet.")
    return Chart(key=key, title=str(title), description=description, points=points, bars=bars, total=total, peak=peak)


def _points(key, spec):
    """A chart's figures, kept a minute in the shared cache: at an agency's size counting a fortnight
    of comments takes a good part of a second, and every editor opening the admin would pay it."""
    seconds = settings.DESK_CHART_CACHE_SECONDS
    if not seconds:
        return spec.points()
    cache_key = f"desk:chart:{key}:{translation.get_language()}:{timezone.localdate().isoformat()}"
    points = cache.get(cache_key)
    if points is None:
        points = spec.points()
        cache.set(cache_key, points, seconds)
    return points


def charts_for(user) -> list[Chart]:
    """The charts this user may see, drawn."""
    return [
        chart_draw(key, spec.title, _points(key, spec))
        for key, spec in _charts.items()
        if user.has_perm(spec.permission)
    ]
