"""Story cards rendered once and kept in the fragment cache (newsportal/pagecache/fragments.py)."""

import hashlib

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from newsportal.pagecache import SITE, cards_scope, fragments

register = template.Library()

CARD_TEMPLATE = "articles/includes/_card.html"


@register.simple_tag(takes_context=True)
def story_cards(context, stories, *, eager=0, large=False, image_sizes="", template=CARD_TEMPLATE):
    """Every story's card, in order; the first `eager` load their pictures at once, the rest lazily.

    A card shows the story, its section, its photo and its comment count: its key carries the `site`
    version (editorial changes) and the edition's `cards` version (comment counts), the story, the
    variant and the language. One cache round trip for the whole list. `template` draws another kind of
    item from the same story (the home page's briefs and headlines).
    """
    stories = list(stories)
    card = get_template(template)
    language = get_language()
    variant = hashlib.sha256(f"{template}|{int(bool(large))}|{image_sizes}".encode()).hexdigest()[:12]
    found = fragments.versions(context.get("request"), [SITE, cards_scope(language)]) if stories else None

    def key_of(indexed):
        index, story = indexed
        if found is None:
            return None
        return fragments.fragment_key("card", found, language, variant, int(index >= eager), story.pk)

    def render(indexed):
        index, story = indexed
        return card.render({"story": story, "lazy": index >= eager, "large": large, "image_sizes": image_sizes})

    cards = fragments.render_many(list(enumerate(stories)), key_of, render)
    return mark_safe("".join(cards))  # noqa: S308 (each card rendered by our autoescaping template)  # nosec B308 B703  # nosemgrep: mark-safe


@register.simple_tag(takes_context=True)
def story_card(context, story, *, lazy=False, large=False, image_sizes="", template=CARD_TEMPLATE):
    """One story's card (the home page's lead), kept like those of a list."""
    return story_cards(
        context, [story], eager=0 if lazy else 1, large=large, image_sizes=image_sizes, template=template
    )
