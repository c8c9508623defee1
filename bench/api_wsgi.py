"""The site's WSGI application plus one bare view (/bench/bare/), the yardstick of bench/api.py."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import HttpResponse  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

import newsportal.urls  # noqa: E402


def bare(request):
    return HttpResponse(b'{"ok":true}', content_type="application/json")


newsportal.urls.urlpatterns.insert(0, path("bench/bare/", bare))
clear_url_caches()
