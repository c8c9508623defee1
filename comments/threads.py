"""Reading a story's discussion: a page of top-level comments with their replies, in a fixed number of queries;
and which comment a reader may answer (the one rule the form, the views and comment_create share)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, Subquery
from django.utils.translation import gettext as _

from .models import Comment

OLDEST = "oldest"
NEWEST = "newest"


@dataclass
class Thread:
    order: str
    page: Page | None = None
    comments: list = field(default_factory=list)


def story_thread(*, article, order=OLDEST, page=1):
    """Editor's picks first, then the rest oldest (or newest) first; replies always oldest first under theirs.

    Two queries (the page with the total alongside, then its replies) whatever the size of the
    discussion, none without comments; a page number past the end costs a count and shows the last page.
    """
    thread = Thread(order=NEWEST if order == NEWEST else OLDEST)
    if not article.comment_count:
        return thread
    top = Comment.objects.shown_top_level().on_story(article)
    top = top.newest_first() if thread.order == NEWEST else top.oldest_first()
    per_page = settings.COMMENTS_PER_PAGE
    try:
        number = max(int(page), 1)
    except (TypeError, ValueError):
        number = 1
    # The total rides along with the page: a subquery PostgreSQL runs once (an index-only count),
    # instead of a COUNT query of its own.
    total = top.order_by().values("article").annotate(n=Count("pk")).values("n")
    counted = top.annotate(total_shown=Subquery(total))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(top, per_page)
    if rows:
        paginator.count = rows[0].total_shown
        thread.page = paginator.page(number)
        thread.page.object_list = rows
    else:
        thread.page = paginator.get_page(number)
    thread.comments = list(thread.page.object_list)
    replies = {}
    if thread.comments:
        for reply in Comment.objects.visible().filter(parent__in=thread.comments).order_by("created_at", "id"):
            replies.setdefault(reply.parent_id, []).append(reply)
    for comment in thread.comments:
        comment.shown_replies = replies.get(comment.pk, [])
    return thread


def comment_page(comment):
    """The page (oldest first, the default order) on which a comment, or the comment it replies to, is shown."""
    top = comment.parent if comment.parent_id else comment
    shown = Comment.objects.visible().top_level().filter(article_id=top.article_id)
    earlier = Q(created_at__lt=top.created_at) | Q(created_at=top.created_at, pk__lt=top.pk)
    if top.is_pick:
        before = shown.filter(earlier, is_pick=True).count()
    else:
        before = shown.filter(Q(is_pick=True) | (Q(is_pick=False) & earlier)).count()
    return before // settings.COMMENTS_PER_PAGE + 1


def story_url_for_comment(comment, *, flag=""):
    """The story page showing this comment, scrolled to it; `flag` adds a generic notice (e.g. "reported=1")."""
    params = [flag] if flag else []
    page = comment_page(comment)
    if page > 1:
        params.append(f"cpage={page}")
    query = f"?{'&'.join(params)}" if params else ""
    return f"{comment.article.get_absolute_url()}{query}#comment-{comment.pk}"


def replied_comment(*, article, pk):
    """Comment `pk`, if a reader may answer it on `article` (replyable_on); else ValidationError saying why not."""
    comment = Comment.objects.replyable_on(article).select_related("parent").filter(pk=pk).first()
    if comment is not None:
        return comment
    if Comment.objects.visible().filter(pk=pk).exists():
        raise ValidationError(_("The comment you are replying to belongs to another story."), code="other")
    raise ValidationError(_("The comment you are replying to is not shown any more."), code="no_parent")
