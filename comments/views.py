"""Reader actions on comments. Each answers JSON to scripts and a redirect or a page to plain forms;
a refused comment always comes back with the reader's text in it."""

import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from articles.clients import client_ip_hash
from articles.models import Article

from . import services
from .forms import CommentForm, as_pk, issue_stamp, reader_name
from .models import Comment, CommentReport
from .threads import story_url_for_comment

logger = logging.getLogger(__name__)

READER_COOKIE = "np_reader"
READER_COOKIE_SALT = "comments.reader"
READER_COOKIE_AGE = 365 * 24 * 60 * 60
READER_TOKEN_LENGTH = 32  # secrets.token_hex(16)


def _client_key(group, request):
    return client_ip_hash(request)


def _comment_rate(group, request):
    return settings.COMMENTS_RATE


def _report_rate(group, request):
    return settings.COMMENTS_REPORT_RATE


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def reader_token(request):
    """This browser's anonymous id (signed cookie): whose pending comments and reports are whose."""
    token = request.get_signed_cookie(READER_COOKIE, default="", salt=READER_COOKIE_SALT)
    return token if len(token) == READER_TOKEN_LENGTH else ""


def _remember_reader(response, request, token):
    if token and token != reader_token(request):
        response.set_signed_cookie(
            READER_COOKIE,
            token,
            salt=READER_COOKIE_SALT,
            max_age=READER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _live_story(pk):
    """A live story of the edition in the address: its pages and messages are in that edition's language."""
    stories = Article.objects.published().in_edition(get_language()).select_related("section")
    return get_object_or_404(stories, pk=pk)


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
        errors = form.errors.get_json_data() if form.is_bound else {}
        return JsonResponse({"error": message, "errors": errors, "issued": issue_stamp()}, status=status)
    return _form_page(request, article, form, message=message, status=status)


def _unvalidated_copy(request, article):
    """The sent form, not validated: its fields hold what the reader wrote, without error messages."""
    form = CommentForm(article=article, user=request.user, initial=request.POST.dict())
    pk = request.POST.get("reply_to", "")
    form.parent = Comment.objects.replyable_on(article).filter(pk=as_pk(pk)).first()
    return form


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key=_client_key, rate=_comment_rate, method="POST", block=False)
def comment_post(request, pk):
    article = _live_story(pk)
    if request.method == "GET":
        return _form_page(request, article, _form_for_page(request, article))

    if getattr(request, "limited", False):
        message = _("You are sending comments too fast. Wait a minute and send it again: your text is below.")
        return _refuse(request, article, _unvalidated_copy(request, article), message=message, status=429)
    if not services.comments_open(article):
        message = _("Comments on this story are closed, so your comment was not posted. Your text is below.")
        return _refuse(request, article, _unvalidated_copy(request, article), message=message, status=403)

    form = CommentForm(request.POST, article=article, user=request.user)
    if not form.is_valid():
        message = _("Your comment was not posted: please see the notes on the form.")
        return _refuse(request, article, form, message=message, status=400)

    token = reader_token(request) or secrets.token_hex(16)
    try:
        comment = services.comment_create(
            article=article,
            text=form.cleaned_data["text"],
            author_name=form.cleaned_data["author_name"],
            author_email=form.cleaned_data["author_email"],
            user=request.user,
            parent=form.parent,
            ip_hash=client_ip_hash(request),
            reader_token=token,
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

    response = _posted(request, article, comment)
    return _remember_reader(response, request, token)


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
        return JsonResponse(
            {
                "id": comment.pk,
                "status": "published" if published else "pending",
                "parent": comment.parent_id,
                "message": message,
                "html": html,
            },
            status=201,
        )
    if published:
        return redirect(story_url_for_comment(comment, flag="comment=published"))
    return redirect(f"{article.get_absolute_url()}?comment=pending#comments")


@never_cache
@require_GET
def comment_state(request, pk):
    """What this reader's page needs and the cached page cannot hold: their pending comments and reports."""
    article = _live_story(pk)
    token = reader_token(request)
    mine = Q(reader_token=token) if token else Q(pk__in=[])
    if request.user.is_authenticated:
        mine |= Q(user=request.user)
    pending = Comment.objects.filter(article=article, status=Comment.Status.PENDING).filter(mine).order_by("created_at")
    reporter = _reporter_key(request, token)
    reported = (
        list(
            CommentReport.objects.filter(comment__article=article, reporter=reporter).values_list(
                "comment_id", flat=True
            )
        )
        if reporter
        else []
    )
    return JsonResponse(
        {
            "issued": issue_stamp(),
            "name": reader_name(request.user) if request.user.is_authenticated else None,
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


def _reporter_key(request, token):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"reader:{token}" if token else ""


@require_POST
@ratelimit(key=_client_key, rate=_report_rate, method="POST", block=False)
def comment_report(request):
    # The comment comes as a form field: one address for every report button keeps the story page cheap.
    pk = request.POST.get("comment", "")
    # Only comments readers can see, on stories they can see: a report never leads to an unpublished story.
    shown = Comment.objects.visible().filter(article__in=Article.objects.published())
    comment = get_object_or_404(shown.select_related("article__section"), pk=as_pk(pk))
    if getattr(request, "limited", False):
        return import_string(settings.RATELIMIT_VIEW)(request, None)
    token = reader_token(request) or secrets.token_hex(16)
    counted = services.comment_report(
        comment=comment, reporter=_reporter_key(request, token), ip_hash=client_ip_hash(request)
    )
    if wants_json(request):
        message = (
            _("Thank you. Moderators will look at this comment.")
            if counted
            else _("You have already reported this comment. Moderators will look at it.")
        )
        response = JsonResponse({"reported": True, "message": message})
    else:
        response = redirect(story_url_for_comment(comment, flag="reported=1"))
    return _remember_reader(response, request, token)


@require_GET
def comment_goto(request, pk):
    """A stable link to one comment: its page of the discussion, scrolled to it."""
    comment = get_object_or_404(Comment.objects.select_related("article__section", "parent"), pk=pk)
    if not comment.article.is_live and not request.user.is_staff:
        raise Http404
    return redirect(story_url_for_comment(comment))
