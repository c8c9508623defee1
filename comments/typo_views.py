import json

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from articles.clients import client_ip_hash
from articles.views import rate_limited

from .typo_forms import TypoReportForm
from .typo_services import safe_report_url, typo_report_create

# Anchor of the typo hint on the story page, where a no-script confirmation shows.
TYPO_ANCHOR = "typo-hint"


def _typo_rate(group, request):
    return settings.TYPO_RATE_LIMIT


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json"


def _payload(request):
    """The fields sent, from a JSON body (fetch) or a form; None when the JSON is broken."""
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    if not isinstance(data, dict):
        return None
    fields = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, str | int) and not isinstance(value, bool):
            fields[key] = str(value)
    return fields


def _failure(request, message, status):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(request, "comments/typo_failed.html", {"message": message}, status=status)


@never_cache
@require_POST
@ratelimit(key=lambda group, request: client_ip_hash(request), rate=_typo_rate, method="POST", block=False)
def typo_report(request):
    """A reader's typo report from the story page's dialog: JSON for the script, a redirect for a plain form."""
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    data = _payload(request)
    if data is None:
        return _failure(request, _("The report could not be read. Reload the page and try again."), 400)
    form = TypoReportForm(data)
    if not form.is_valid():
        return _failure(request, form.first_error(), 404 if form.story_missing() else 400)
    article = form.cleaned_data["article"]
    story_url = request.build_absolute_uri(article.get_absolute_url())
    report, created = typo_report_create(
        article=article,
        selection=form.cleaned_data["selection"],
        before=form.cleaned_data["before"],
        after=form.cleaned_data["after"],
        comment=form.cleaned_data["comment"],
        url=safe_report_url(form.cleaned_data["url"], story_url=story_url),
        ip_hash=client_ip_hash(request),
    )
    message = _("Thank you! The editors will look at it.")
    if _wants_json(request):
        return JsonResponse({"message": message}, status=201 if created else 200)
    return redirect(f"{article.get_absolute_url()}?typo=sent#{TYPO_ANCHOR}")
