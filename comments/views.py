"""Reader actions on comments. Each answers JSON to scripts and a redirect or a page to plain forms;
a refused comment always comes back with the reader's text in it."""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from newsportal.auth import display_name
from newsportal.inputs import as_pk
from newsportal.readers.answers import form_errors, form_fields, json_answer, wants_json
from newsportal.readers.clients import client_ip_hash
from newsportal.readers.identity import acting_reader, reader_of, remember_reader
from newsportal.readers.limits import rate_limit

from . import services
from .forms import CommentForm, issue_stamp
from .models import Comment, CommentReport
from .threads import story_url_for_comment

logger = logging.getLogger(__name__)


def _form_page(request, article, form, *, message="", status=200):
    """The comment form on a page of its own: never cached, so it may carry the CSRF token and the text."""
    response = render(
        request,
        "comments/comment_form_page.html",
        {
            "article": article,
            "form": form,
            "parent": form.parent,
            "message": message,
            "is_open": services.comments_open(article),
            "close_at": services.comments_close_at(article),
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _refuse(request, article, form, *, message, status):
    """Say why the comment was not stored and hand the text back."""
    if wants_json(request):
        errors = form_errors(form) if form.is_bound else {}
        return json_answer(ok=False, message=message, errors=errors, status=status, issued=issue_stamp())
    return _form_page(request, article, form, message=message, status=status)


def _unvalidated_copy(request, article):
    """The sent form, not validated: its fields hold what the reader wrote, without error messages."""
    fields = form_fields(request)
    form = CommentForm(article=article, user=request.user, initial=fields.dict())
    pk = fields.get("reply_to", "")
    form.parent = Comment.objects.replyable_on(article).filter(pk=as_pk(pk)).first()
    return form


def _too_fast(request, pk):
    """The rate limit's 429 for comments: like any refusal, it hands the reader's text back."""
    article = get_object_or_404(Article.objects.live(), pk=pk)
    message = _("You are sending comments too fast. Wait a minute and send it again: your text is below.")
    return _refuse(request, article, _unvalidated_copy(request, article), message=message, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit(group="comments.post", rate="COMMENTS_RATE", refuse=_too_fast)
def comment_post(request, pk):
    article = get_object_or_404(Article.objects.live(), pk=pk)
    if request.method == "GET":
        return _form_page(request, article, _form_for_page(request, article))

    if not services.comments_open(article):
        message = _("Comments on this story are closed, so your comment was not posted. Your text is below.")
        return _refuse(request, article, _unvalidated_copy(request, article), message=message, status=403)

    form = CommentForm(form_fields(request), article=article, user=request.user)
    if not form.is_valid():
        message = _("Your comment was not posted: please see the notes on the form.")
        return _refuse(request, article, form, message=message, status=400)

    reader = acting_reader(request)
    try:
        comment = services.comment_create(
            article=article,
            text=form.cleaned_data["text"],
            author_name=form.cleaned_data["author_name"],
            author_email=form.cleaned_data["author_email"],
            user=request.user,
            parent=form.parent,
            ip_hash=client_ip_hash(request),
            reader_token=reader.anonymous_id,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _refuse(request, article, form, message=" ".join(error.messages), status=400)
    except DatabaseError:
        logger.exception("Could not store a comment on story %s", article.pk)
        message = _(
            "Your comment was not saved because of a fault on our side. Your text is below: "
            "please try again in a few minutes."
        )
        return _refuse(request, article, _unvalidated_copy(request, article), message=message, status=503)

    return remember_reader(_posted(request, article, comment), reader)


def _form_for_page(request, article):
    form = CommentForm(article=article, user=request.user)
    pk = as_pk(request.GET.get("reply_to", ""))
    if pk:
        form.parent = get_object_or_404(Comment.objects.replyable_on(article), pk=pk)
        form.initial["reply_to"] = form.parent.pk
    return form


def _posted(request, article, comment):
    # Spam is not announced as such: to its sender it looks like any comment awaiting moderation.
    published = comment.status == Comment.Status.APPROVED
    if wants_json(request):
        html = render_to_string(
            "comments/includes/_comment.html",
            {"comment": comment, "article": article, "pending": not published, "is_open": True},
            request=request,
        )
        message = (
            _("Your comment is published.")
            if published
            else _("Thank you. Your comment is awaiting moderation: it appears once a moderator approves it.")
        )
        return json_answer(
            ok=True,
            message=message,
            status=201,
            id=comment.pk,
            state="published" if published else "pending",
            parent=comment.parent_id,
            html=html,
        )
    if published:
        return redirect(story_url_for_comment(comment, flag="comment=published"))
    return redirect(f"{article.get_absolute_url()}?comment=pending#comments")


@never_cache
@require_GET
def comment_state(request, pk):
    """What this reader's page needs and the cached page cannot hold: their pending comments and reports."""
    article = get_object_or_404(Article.objects.live(), pk=pk)
    reader = reader_of(request)
    mine = Q(user=reader.user) if reader.user is not None else Q(reader_token__in=reader.anonymous_ids)
    pending = Comment.objects.filter(article=article, status=Comment.Status.PENDING).filter(mine).order_by("created_at")
    reported = (
        list(
            CommentReport.objects.filter(comment__article=article, reporter__in=reader.keys).values_list(
                "comment_id", flat=True
            )
        )
        if reader.is_known
        else []
    )
    return JsonResponse(
        {
            "issued": issue_stamp(),
            "name": display_name(request.user) if request.user.is_authenticated else None,
            "pending": [
                {
                    "id": comment.pk,
                    "parent": comment.parent_id,
                    "html": render_to_string(
                        "comments/includes/_comment.html",
                        {"comment": comment, "article": article, "pending": True},
                        request=request,
                    ),
                }
                for comment in pending
            ],
            "reported": reported,
        }
    )


@never_cache
@require_POST
@rate_limit(group="comments.report", rate="COMMENTS_REPORT_RATE")
def comment_report(request):
    # The comment comes as a form field: one address for every report button keeps the story page cheap.
    pk = form_fields(request).get("comment", "")
    # Only comments readers can see, on stories they can see: a report never leads to an unpublished story.
    shown = Comment.objects.visible().filter(article__in=Article.objects.live())
    comment = get_object_or_404(shown.select_related("article__section"), pk=as_pk(pk))
    reader = acting_reader(request)
    counted = services.comment_report(comment=comment, reporter=reader.key, ip_hash=client_ip_hash(request))
    if wants_json(request):
        message = (
            _("Thank you. Moderators will look at this comment.")
            if counted
            else _("You have already reported this comment. Moderators will look at it.")
        )
        response = json_answer(ok=True, message=message)
    else:
        response = redirect(story_url_for_comment(comment, flag="reported=1"))
    return remember_reader(response, reader)


@require_GET
def comment_goto(request, pk):
    """A stable link to one comment: its page of the discussion, scrolled to it."""
    comment = get_object_or_404(Comment.objects.select_related("article__section", "parent"), pk=pk)
    if not comment.article.is_live and not request.user.is_staff:
        raise Http404
    return redirect(story_url_for_comment(comment))
