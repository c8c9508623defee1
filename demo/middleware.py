"""The demo runs with DEBUG on, where Django answers a missing page with its technical 404 (in English,
listing the URL patterns). With DEMO on, readers get the site's own 404 in the edition's language, as
in production; errors other than 404 still show Django's debug pages."""

from django.http import Http404
from django.urls import get_resolver, get_urlconf


class SiteNotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched: Django rendered its technical page without running any view.
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return self.page_not_found(request, Http404(request.path_info))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.page_not_found(request, exception)
        return None

    def page_not_found(self, request, exception):
        handler = get_resolver(get_urlconf()).resolve_error_handler(404)
        return handler(request, exception)
