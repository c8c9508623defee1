"""How a reader action answers: JSON to the site's scripts, a page or a redirect to a plain form.

Every reader script sends form fields (FormData or URL-encoded) with `Accept: application/json` and an
X-CSRFToken header, and every JSON answer has one shape: {"ok", "message", "errors": {field: [text]}}
plus what the action adds.
"""

from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse, QueryDict


def wants_json(request):
    """A script of ours asking (it sends Accept: application/json); anything else gets a page."""
    return "application/json" in request.headers.get("Accept", "")


def form_fields(request):
    """The posted form fields, or none when the body cannot be read (too big, an unknown charset,
    cut short): the answer then says what was wrong instead of failing a second time."""
    try:
        return request.POST
    except (ValueError, LookupError, SuspiciousOperation, OSError):
        return QueryDict()


def form_errors(form):
    """A form's errors as {field: [message, …]}; errors of the whole form under "__all__"."""
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


def json_answer(*, ok, message="", errors=None, status=None, **extra):
    """The one JSON shape of reader actions and error pages."""
    body = {"ok": ok, "message": str(message), "errors": errors or {}, **extra}
    return JsonResponse(body, status=status or (200 if ok else 400))
