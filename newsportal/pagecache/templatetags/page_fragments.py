"""`{% fragment %}`: a block of a page kept rendered in the fragment cache (docs/page-cache.md, "Fragments").

    {% load page_fragments %}
    {% fragment "story-list" site cards schedule by request.path listing_page %} … {% endfragment %}

The key carries the versions of the scopes named (`site`; the current edition's `cards` and `home`;
`story=<pk>`), the language, the site's address (blocks may hold absolute links) and the `by` values.
`schedule` marks a block that shows which stories are live (a list): it is also refused once a
scheduled story's time has passed.
A `by` value that is None, or any `unless=<value>` true, renders the block without keeping it.

The block's content is rendered only on a miss: give it lazy querysets (or objects that read on first
use) and a warm block costs no query.
"""

import hashlib

from django import template
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language

from newsportal.pagecache import SITE, cards_scope, fragments, home_scope, story_scope

register = template.Library()

EDITION_SCOPES = {"cards": cards_scope, "home": home_scope}


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, scopes, story, unless, parts, schedule):
        self.nodelist = nodelist
        self.schedule = schedule
        self.name = name
        self.scopes = scopes
        self.story = story
        self.unless = unless
        self.parts = parts

    def render(self, context):
        return fragments.render_one(self.key(context), lambda: self.nodelist.render(context))

    def key(self, context):
        """The block's key, or None to render it without keeping it."""
        if any(condition.resolve(context) for condition in self.unless):
            return None
        parts = [part.resolve(context) for part in self.parts]
        if any(part is None for part in parts):
            return None
        language = get_language()
        scopes = [SITE if scope == SITE else EDITION_SCOPES[scope](language) for scope in self.scopes]
        if self.story is not None:
            scopes.append(story_scope(self.story.resolve(context)))
        request = context.get("request")
        found = fragments.versions(request, scopes, schedule=self.schedule)
        if found is None:
            return None
        origin = _origin(request)
        if origin is None:
            return None  # the error page answering a forged Host header: rendered, never kept
        detail = hashlib.sha256("\n".join(map(str, [origin, *parts])).encode()).hexdigest()[:20]
        return fragments.fragment_key(self.name, found, language, detail)


def _origin(request):
    """The site's address as this request reached it ("" outside a request, None for a forged Host):
    worked out once per request (get_host checks ALLOWED_HOSTS each time), not once per block."""
    if request is None:
        return ""
    if "_fragment_origin" not in request.__dict__:
        try:
            request._fragment_origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            request._fragment_origin = None
    return request._fragment_origin


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("\"'")
    scopes, story, unless, parts, schedule = [], None, [], [], False
    rest = iter(bits[2:])
    for bit in rest:
        if bit in (SITE, *EDITION_SCOPES):
            scopes.append(bit)
        elif bit == "schedule":
            schedule = True
        elif bit.startswith("story="):
            story = parser.compile_filter(bit.removeprefix("story="))
        elif bit.startswith("unless="):
            unless.append(parser.compile_filter(bit.removeprefix("unless=")))
        elif bit == "by":
            parts = [parser.compile_filter(part) for part in rest]
        else:
            raise template.TemplateSyntaxError(f"{{% fragment %}}: unknown argument {bit!r}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, scopes, story, unless, parts, schedule)
