from django import template
from django.utils import timezone
from django.utils.translation import pgettext_lazy

register = template.Library()


@register.filter
def datetime_attribute(moment):
    """A moment for <time datetime>: ISO 8601 in the site's time zone, to the second.

    Not the `date:"c"` filter: its microseconds are invalid there (HTML allows at most three digits).
    """
    if not moment:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


# Month names as lists and cards write them: short enough for one line beside a headline. Russian takes
# the genitive ("30 мая"), which Django's own abbreviations do not give.
SHORT_MONTHS = {
    1: pgettext_lazy("month in a short date", "Jan"),
    2: pgettext_lazy("month in a short date", "Feb"),
    3: pgettext_lazy("month in a short date", "Mar"),
    4: pgettext_lazy("month in a short date", "Apr"),
    5: pgettext_lazy("month in a short date", "May"),
    6: pgettext_lazy("month in a short date", "Jun"),
    7: pgettext_lazy("month in a short date", "Jul"),
    8: pgettext_lazy("month in a short date", "Aug"),
    9: pgettext_lazy("month in a short date", "Sep"),
    10: pgettext_lazy("month in a short date", "Oct"),
    11: pgettext_lazy("month in a short date", "Nov"),
    12: pgettext_lazy("month in a short date", "Dec"),
}


@register.filter
def short_moment(moment):
    """A moment as a news list writes it: "17:55" today, "30 Nov 17:55" this year, "30 Nov 2025" before.

    Depends on the day: the kept fragments that show it carry the date in their keys
    (newsportal.pagecache.fragments.fragment_key).
    """
    if not moment:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    today = timezone.localdate()
    clock = f"{moment:%H:%M}"
    if moment.date() == today:
        return clock
    day = f"{moment.day}\u00a0{SHORT_MONTHS[moment.month]}"
    if moment.year == today.year:
        return f"{day} {clock}"
    return f"{day} {moment.year}"
