import math

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import get_language

from newsportal.pagecache import SITE, fragments, story_scope

from .. import services
from ..forms import CommentForm
from ..text import render_comment_text
from ..threads import NEWEST, OLDEST, story_thread

register = template.Library()

NOTICES = {"comment": {"pending", "published"}, "reported": {"1"}}
THREAD_TEMPLATE = "comments/includes/_thread.html"


@register.simple_tag(takes_context=True)
def comment_section(context, article):
    """The discussion under a story. The same for every reader (the page is cached): no per-reader data here.

    Kept in the fragment cache under the versions of `site` (the story's own settings) and the story's
    scope (its comments, picks and count), with the order, page, notice, language and whether comments
    are open (that changes with time alone): a render from the cache reads no comment.
    """
    request = context.get("request")
    query = request.GET if request is not None else {}
    is_open = services.comments_open(article)
    key = _section_key(request, article, query, is_open)
    return fragments.render_one(
        key, lambda: get_template(THREAD_TEMPLATE).render(_section_context(article, query, is_open))
    )


def _section_key(request, article, query, is_open):
    """The discussion's fragment key, or None for one not worth keeping (odd query strings)."""
    order = query.get("comments") or OLDEST
    page = query.get("cpage") or "1"
    pages = max(1, math.ceil((article.comment_count or 0) / settings.COMMENTS_PER_PAGE))
    if order not in (OLDEST, NEWEST) or not page.isdigit() or not 1 <= int(page) <= pages:
        return None  # rendered as usual, never stored: no entry per made-up parameter
    notice = next((f"{key}={query[key]}" for key, allowed in NOTICES.items() if query.get(key) in allowed), "")
    found = fragments.versions(request, [SITE, story_scope(article.pk)])
    if found is None:
        return None
    return fragments.fragment_key("discussion", found, get_language(), article.pk, order, int(page), notice, is_open)


def _section_context(article, query, is_open):
    thread = story_thread(article=article, order=query.get("comments"), page=query.get("cpage") or 1)
    page_params = []
    if thread.order == NEWEST:
        page_params.append(f"comments={NEWEST}")
    here = list(page_params)
    if thread.page is not None and thread.page.number > 1:
        here.append(f"cpage={thread.page.number}")
    notice = next((f"{key}={query[key]}" for key, allowed in NOTICES.items() if query.get(key) in allowed), "")
    return {
        "article": article,
        "thread": thread,
        # Reversed once here rather than for every comment in the loop.
        "post_url": reverse("comments:post", kwargs={"pk": article.pk}),
        "report_url": reverse("comments:report"),
        "is_open": is_open,
        "close_at": services.comments_close_at(article),
        "form": CommentForm(article=article) if is_open else None,
        "notice": notice,
        "page_query": "&".join(page_params),
        "here_query": f"?{'&'.join(here)}" if here else "",
    }


@register.filter
def comment_text(text):
    """A comment's plain text as safe HTML: escaped, links clickable (nofollow ugc), line breaks kept."""
    return render_comment_text(text)
