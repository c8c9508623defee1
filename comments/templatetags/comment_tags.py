from django import template
from django.urls import reverse

from .. import services
from ..forms import CommentForm
from ..text import render_comment_text
from ..threads import NEWEST, story_thread

register = template.Library()

NOTICES = {"comment": {"pending", "published"}, "reported": {"1"}}


@register.inclusion_tag("comments/includes/_thread.html", takes_context=True)
def comment_section(context, article):
    """The discussion under a story. The same for every reader (the page is cached): no per-reader data here."""
    request = context.get("request")
    query = request.GET if request is not None else {}
    thread = story_thread(article=article, order=query.get("comments"), page=query.get("cpage") or 1)
    is_open = services.comments_open(article)
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
