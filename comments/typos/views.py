from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from newsportal.readers.answers import form_errors, form_fields, json_answer, wants_json
from newsportal.readers.clients import client_ip_hash
from newsportal.readers.limits import rate_limit

from .forms import TypoReportForm
from .services import safe_report_url, typo_report_create

# Anchor of the typo hint on the story page, where a no-script confirmation shows.
TYPO_ANCHOR = "typo-hint"


def _failure(request, form, status):
    message = form.first_error()
    if wants_json(request):
        return json_answer(ok=False, message=message, errors=form_errors(form), status=status)
    return render(request, "comments/typo_failed.html", {"message": message}, status=status)


@never_cache
@require_POST
@rate_limit(group="comments.typo", rate="TYPO_RATE_LIMIT")
def typo_report(request):
    """A reader's typo report from the story page's dialog: JSON for the script, a redirect for a plain form."""
    form = TypoReportForm(form_fields(request))
    if not form.is_valid():
        return _failure(request, form, 404 if form.story_missing() else 400)
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
    if wants_json(request):
        return json_answer(ok=True, message=message, status=201 if created else 200)
    return redirect(f"{article.get_absolute_url()}?typo=sent#{TYPO_ANCHOR}")
