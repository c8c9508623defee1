"""The demo runs with DEBUG on, where Django answers a missing page or a fault with its technical pages (in
English, listing the URL patterns or the settings and the traceback). With DEMO on, readers get the site's
own 404 and 500 in the edition's language, as in production. The traceback still reaches the console log."""

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf
from django.utils.log import log_response

# Faults Django already answers with the site's own 4xx handlers, whatever DEBUG says.
ANSWERED_BY_DJANGO = (PermissionDenied, MultiPartParserError)
# Faults of the request, not of the site: the site's 400 (DEBUG would show them as a technical 500).
BAD_REQUESTS = (BadRequest, SuspiciousOperation)


class SiteErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched: Django rendered its technical page without running any view.
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return self.error_page(request, 404, Http404(request.path_info))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.error_page(request, 404, exception)
        if isinstance(exception, ANSWERED_BY_DJANGO):
            return None
        status = 400 if isinstance(exception, BAD_REQUESTS) else 500
        # Called from Django's `except` around the view: handler500 reads the fault from sys.exc_info()
        # (a database or cache fault becomes its 503 page).
        response = self.error_page(request, status, exception)
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response

    def error_page(self, request, status, exception):
        handler = get_resolver(get_urlconf()).resolve_error_handler(status)
        return handler(request) if status == 500 else handler(request, exception)
