from django import template

from ..desk import waiting

register = template.Library()


@register.simple_tag
def waiting_for(user):
    """The admin index's "what waits" counters this user may act on."""
    return waiting.waiting_for(user)
