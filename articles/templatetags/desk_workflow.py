from django import template
from django.urls import reverse

from ..desk import planning

register = template.Library()


@register.simple_tag
def desk_warnings(user):
    """The admin index's warnings for editors: (text, count, url) of what is overdue or stuck, when any."""
    if not user.has_perm("articles.change_article"):
        return []
    changelist = reverse("admin:articles_article_changelist")
    found = [
        ("overdue", planning.overdue().count(), f"{changelist}?desk=overdue"),
        ("stuck", planning.stuck().count(), f"{changelist}?desk=stuck"),
    ]
    return [(kind, count, url) for kind, count, url in found if count]
