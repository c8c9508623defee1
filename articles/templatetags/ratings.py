from django import template

from articles.ratings.forms import RatingForm

register = template.Library()


@register.simple_tag
def rating_form(article, sent=None):
    """The star radios of a story's widget: the form as the reader sent it when refused, else an empty one."""
    return sent or RatingForm(article=article)
