"""The site's addresses plus pages that fail, for the tests of the demo's error pages."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from newsportal.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request, edition):
    raise ZeroDivisionError("a bug in a view")


def suspicious(request, edition):
    raise SuspiciousOperation("a request that could not be trusted")


urlpatterns = [
    path("<str:edition>/broken/", broken),
    path("<str:edition>/suspicious/", suspicious),
    *urlpatterns,
]
