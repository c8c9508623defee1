"""The site-wide error answers (handler400/403/404/500 in newsportal.urls, CSRF_FAILURE_VIEW, and the 429
of every rate limit): JSON for the site's scripts, a page for browsers. None of them reads the body
more than once: a body that failed to parse would fail again."""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsportal.cache import CacheUnavailable

from .answers import form_fields, json_answer, wants_json

# Faults that pass by themselves: the database or the cache out of reach. Answered 503, not 500.
UNAVAILABLE = (OperationalError, InterfaceError, CacheUnavailable)
# Fields a reader typed, given back as text boxes on the 503 page; the rest go back hidden.
TYPED_FIELDS = ("text", "comment", "selection", "author_name", "author_email")


def _refusal(request, *, message, status, template):
    if wants_json(request):
        return json_answer(ok=False, message=message, status=status)
    return render(request, template, {"message": message}, status=status)


def too_many_requests(request, exception, *, message=None):
    """429 (RATELIMIT_VIEW, and every limit of newsportal.readers.limits)."""
    message = message or _("Too many requests from your address. Please wait a minute and try again.")
    return _refusal(request, message=message, status=429, template="429.html")


def bad_request(request, exception):
    """400 for a request that could not be read. Never reads the body again (Django's own handler does,
    through the CSRF check, and a body that failed to parse fails again there)."""
    message = _("Your request could not be read. Reload the page and try again.")
    return _refusal(request, message=message, status=400, template="400.html")


def permission_denied(request, exception):
    """403, without reading the body (see bad_request)."""
    return _refusal(request, message=_("You may not do this."), status=403, template="403.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def _same_site(request, address):
    """Whether an Origin or Referer value names this site (or an origin listed in CSRF_TRUSTED_ORIGINS)."""
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return False
    parts = urlsplit(address)
    if not parts.scheme or not parts.netloc:
        return False  # "null", or something no browser sends for a page of ours
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def _may_resend(request):
    """Whether the "Please confirm" page may offer to send the form again.

    Only to an ordinary reader posting from one of our own pages: a request written by another site
    (a foreign or "null" Origin or Referer) must not become a one-click action, and nothing under the
    admin or by a staff account is ever resent, whatever the page it came from.
    """
    if request.path.startswith(reverse("admin:index")):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return False
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is not None and not _same_site(request, value):
            return False
    return True


def csrf_failure(request, reason=""):
    """A form sent from a cached page without a token: let the reader confirm and resend it.

    Requests that may have been forged by another site are refused without a resend button.
    """
    if wants_json(request):
        return json_answer(ok=False, message=_("Your session check failed. Reload the page and try again."), status=403)
    if not _may_resend(request):
        return render(request, "csrf_refused.html", status=403)
    fields = [(k, v) for k, vs in form_fields(request).lists() if k != "csrfmiddlewaretoken" for v in vs]
    return render(
        request,
        "csrf_confirm.html",
        {"action": request.path, "fields": fields, "reason": reason},
        status=403,
    )


def server_error(request):
    """500, or 503 with Retry-After when the database or the cache cannot be reached.

    Rendered without context processors or the database: the error may be the database itself.
    A reader's POST comes back with what they sent, ready to send again once we are back.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, UNAVAILABLE):
        template = loader.get_template("500.html")
        return HttpResponseServerError(template.render({"LANGUAGE_CODE": get_language()}))

    retry_after = settings.UNAVAILABLE_RETRY_AFTER
    if request.method == "POST":
        message = _(
            "We could not save what you sent because of a fault on our side. Nothing is lost: "
            "it is below. Please send it again in a minute."
        )
    else:
        message = _("This page is not available because of a fault on our side. Please try again in a minute.")
    if request.method == "POST" and wants_json(request):
        response = json_answer(ok=False, message=message, status=503, retryAfter=int(retry_after))
    else:
        fields = []
        if request.method == "POST":
            fields = [
                (name, value, name in TYPED_FIELDS)
                for name, values in form_fields(request).lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ]
        context = {
            "LANGUAGE_CODE": get_language(),
            "message": message,
            "fields": fields,
            "action": request.path,
            "csrf_token": get_token(request) if fields else "",
        }
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
