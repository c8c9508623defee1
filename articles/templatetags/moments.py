from django import template
from django.utils import timezone

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
