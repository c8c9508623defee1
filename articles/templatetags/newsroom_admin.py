from django import template

from ..desk import dashboard

register = template.Library()


@register.simple_tag
def desk_dashboard(user):
    """Everything of the admin index's dashboard this user may see (articles/desk/dashboard.py)."""
    return dashboard.dashboard_for(user)
