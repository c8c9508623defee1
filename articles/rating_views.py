"""Readers rate stories, 1 to 5 stars: one vote each, changeable, with or without JavaScript.

The same views answer a plain form (redirect back to the story) and fetch() (JSON, when the
request accepts application/json). The story page itself stays the same for every reader:
a reader's own vote comes from rating_state.
"""

import json
import secrets

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from .clients import client_ip_hash, is_bot
from .models import Article, Vote
from .services import Voter, rating_cast

VOTER_COOKIE_SALT = "articles.rating.voter"
INVALID_SCORE = gettext_lazy("Choose a score from 1 to 5 stars.")


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("Rate it"),
        choices=[(score, score) for score in Vote.SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": INVALID_SCORE, "invalid_choice": INVALID_SCORE},
    )


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def rateable_story(pk):
    """Only stories readers can see take votes; drafts and scheduled ones are not found."""
    return get_object_or_404(Article.objects.published().in_edition(get_language()).select_related("section"), pk=pk)


def known_voter(request):
    """The voter behind a request, or None for an anonymous reader who has never voted."""
    if request.user.is_authenticated:
        return Voter(user=request.user)
    anonymous_id = request.get_signed_cookie(
        settings.RATING_COOKIE_NAME, default=None, salt=VOTER_COOKIE_SALT, max_age=settings.RATING_COOKIE_AGE
    )
    return Voter(anonymous_id=anonymous_id) if anonymous_id else None


def remember_voter(response, voter):
    """(Re)issue an anonymous voter's cookie, so it lives two years from their latest vote."""
    if voter.user is None:
        response.set_signed_cookie(
            settings.RATING_COOKIE_NAME,
            voter.anonymous_id,
            salt=VOTER_COOKIE_SALT,
            max_age=settings.RATING_COOKIE_AGE,
            secure=settings.RATING_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def rating_summary(article):
    """What the widget shows of a story's rating; the template renders the same strings."""
    count = article.rating_count
    average = article.rating_average
    return {
        "count": count,
        "countLabel": ngettext("%(count)s vote", "%(count)s votes", count) % {"count": count},
        "average": round(average, 1) if average is not None else None,
        "averageLabel": floatformat(average, 1) if average is not None else "",
    }


def own_vote_label(score):
    return ngettext("You rated it %(score)s star.", "You rated it %(score)s stars.", score) % {"score": score}


def submitted_data(request):
    """The form fields, from a form post or a JSON body."""
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly nested JSON
        return {}
    score = data.get("score") if isinstance(data, dict) else None
    # JSON 4 is the form's "4"; 4.5, true or "four" stay invalid.
    return {"score": "" if score is None else str(score)}


def refuse(request, article, message, status, form=None):
    if wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return render(
        request,
        "articles/rating_refused.html",
        {"article": article, "message": message, "form": form},
        status=status,
    )


@never_cache
@require_POST
def rate(request, pk):
    article = rateable_story(pk)
    if is_bot(request):
        # Crawlers follow forms too; their "votes" would be noise.
        return refuse(request, article, _("Automated clients cannot rate stories."), status=403)
    if is_ratelimited(
        request,
        group="articles.rate",
        key=lambda group, request: f"{client_ip_hash(request)}:{article.pk}",
        rate=settings.RATING_RATE_LIMIT,
        method="POST",
        increment=True,
    ):
        message = _("Too many votes for this story from your address. Please try again later.")
        if wants_json(request):
            return JsonResponse({"error": message}, status=429)
        return render(request, "429.html", {"message": message}, status=429)

    form = RatingForm(submitted_data(request))
    if not form.is_valid():
        return refuse(request, article, str(INVALID_SCORE), status=400, form=form)

    voter = known_voter(request) or Voter(anonymous_id=secrets.token_urlsafe(24))
    result = rating_cast(
        article=article, voter=voter, score=form.cleaned_data["score"], ip_hash=client_ip_hash(request)
    )
    if wants_json(request):
        response = JsonResponse(
            {
                **rating_summary(article),
                "score": result.score,
                "ownLabel": own_vote_label(result.score),
                "message": _("Thank you, your vote has been counted."),
            }
        )
    else:
        # A generic flag: the cached story page must not say anything about this reader.
        response = redirect(f"{article.get_absolute_url()}?rated=1#rating")
    remember_voter(response, voter)
    return response


@never_cache
@require_GET
def rating_state(request, pk):
    """The story's current rating and this reader's own vote, for the widget on a cached page."""
    article = rateable_story(pk)
    voter = known_voter(request)
    score = None
    if voter is not None:
        score = Vote.objects.filter(article=article).cast_by(voter).values_list("score", flat=True).first()
    return JsonResponse({**rating_summary(article), "score": score, "ownLabel": own_vote_label(score) if score else ""})
