from django import template

from ..desk.dateline import dateline as dateline_text

register = template.Library()


@register.simple_tag
def dateline(article):
    """ "MOSCOW, Dec 1 —" for a story with a dateline place, in its edition's style; "" otherwise."""
    return dateline_text(article)
