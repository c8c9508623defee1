"""Guards in front of every view: requests no view should have to parse."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from newsportal.readers.answers import json_answer, wants_json


class RejectNulMiddleware:
    """A NUL in the address is a 400: no slug holds one, and PostgreSQL refuses it in any text it is
    asked to compare. (Query values go through forms, whose fields refuse NUL with their own message.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL in the request address")
        return self.get_response(request)


class ReaderBodyLimitMiddleware:
    """Reader endpoints refuse bodies larger than they can need (settings.READER_BODY_LIMITS, by URL
    name), before anything reads them: a 413 with a short message instead of a 10 MB form parsed,
    validated and echoed back. Runs after LocaleMiddleware, so edition-prefixed addresses resolve."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            limit = self._limit(request)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if limit is not None and length > limit:
                return self._refuse(request)
        return self.get_response(request)

    def _limit(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return settings.READER_BODY_LIMITS.get(match.view_name)

    def _refuse(self, request):
        message = _("What you sent is too long for this form. Please shorten it and send it again.")
        if wants_json(request):
            response = json_answer(ok=False, message=message, status=413)
        else:
            response = render(request, "413.html", {"message": message}, status=413)
        # The body was never read: the connection cannot carry another request after it.
        response["Connection"] = "close"
        return response
