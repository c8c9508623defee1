from django import template

from ..desk import dashboard, waiting

register = template.Library()


@register.simple_tag
def waiting_for(user):
    """The admin index's "what waits" counters this user may act on."""
    return waiting.waiting_for(user)


@register.simple_tag
def desk_dashboard(user):
    """Everything of the admin index's dashboard this user may see (articles/desk/dashboard.py)."""
    return dashboard.dashboard_for(user)
