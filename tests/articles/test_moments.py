"""Times as news lists write them: the clock today, the day and month this year, the year before."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from articles.templatetags.moments import short_moment

MOSCOW = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 1, 18, 30, tzinfo=MOSCOW)


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    ("edition", "moment", "expected"),
    [
        ("en", datetime(2026, 12, 1, 17, 55, tzinfo=MOSCOW), "17:55"),
        ("ru", datetime(2026, 12, 1, 0, 5, tzinfo=MOSCOW), "00:05"),
        ("en", datetime(2026, 11, 30, 17, 55, tzinfo=MOSCOW), "30\u00a0Nov 17:55"),
        ("ru", datetime(2026, 11, 30, 17, 55, tzinfo=MOSCOW), "30\u00a0нояб. 17:55"),
        ("ru", datetime(2026, 5, 3, 9, 0, tzinfo=MOSCOW), "3\u00a0мая 09:00"),
        ("en", datetime(2025, 11, 30, 17, 55, tzinfo=MOSCOW), "30\u00a0Nov 2025"),
        ("ru", datetime(2025, 3, 8, 10, 0, tzinfo=MOSCOW), "8\u00a0марта 2025"),
    ],
)
def test_short_moment_in_each_edition(edition, moment, expected):
    with translation.override(edition):
        assert short_moment(moment) == expected


def test_today_is_the_site_time_zones_day():
    # 23:30 UTC on 30 November is already 1 December in Moscow: today, so the clock alone.
    with translation.override("en"):
        assert short_moment(datetime(2026, 11, 30, 23, 30, tzinfo=ZoneInfo("UTC"))) == "02:30"


def test_the_time_include_writes_the_short_form_with_the_exact_moment():
    moment = datetime(2026, 11, 30, 17, 55, tzinfo=MOSCOW)
    template = Template('{% include "includes/time.html" with moment=moment short=True %}')
    with translation.override("ru"):
        html = template.render(Context({"moment": moment}))
    assert html == '<time datetime="2026-11-30T17:55:00+03:00" class="moment">30\u00a0нояб. 17:55</time>\n'
