"""Readers rate stories, 1 to 5 stars: one vote each, changeable, with or without JavaScript.

The same views answer a plain form (redirect back to the story) and fetch() (JSON, when the
request accepts application/json). The story page itself stays the same for every reader:
a reader's own vote comes from rating_state.
"""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from newsportal.readers.answers import form_errors, form_fields, json_answer, wants_json
from newsportal.readers.clients import client_ip_hash, is_bot
from newsportal.readers.identity import acting_reader, reader_of, remember_reader
from newsportal.readers.limits import rate_limit

from ..models import Article, Vote
from .forms import INVALID_SCORE, RatingForm
from .services import Voter, rating_cast


def rateable_story(pk):
    """Only stories readers can see take votes; drafts and scheduled ones are not found."""
    return get_object_or_404(Article.objects.live(), pk=pk)


def voter_of(reader):
    return Voter(user=reader.user, anonymous_id=reader.anonymous_id)


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


def refuse(request, article, message, status, form=None):
    if wants_json(request):
        return json_answer(ok=False, message=message, errors=form_errors(form) if form else None, status=status)
    return render(
        request,
        "articles/rating_refused.html",
        {"article": article, "message": message, "form": form},
        status=status,
    )


def _story_and_address(group, request):
    # Per story: a reader may rate many stories, but one address cannot flood one story.
    return f"{client_ip_hash(request)}:{request.resolver_match.kwargs['pk']}"


@never_cache
@require_POST
@rate_limit(
    group="articles.rate",
    rate="RATING_RATE_LIMIT",
    key=_story_and_address,
    message=gettext_lazy("Too many votes for this story from your address. Please try again later."),
)
def rate(request, pk):
    article = rateable_story(pk)
    if is_bot(request):
        # Crawlers follow forms too; their "votes" would be noise.
        return refuse(request, article, _("Automated clients cannot rate stories."), status=403)

    form = RatingForm(form_fields(request), article=article)
    if not form.is_valid():
        return refuse(request, article, str(INVALID_SCORE), status=400, form=form)

    reader = acting_reader(request)
    result = rating_cast(
        article=article, voter=voter_of(reader), score=form.cleaned_data["score"], ip_hash=client_ip_hash(request)
    )
    if wants_json(request):
        response = json_answer(
            ok=True,
            message=_("Thank you, your vote has been counted."),
            **rating_summary(article),
            score=result.score,
            ownLabel=own_vote_label(result.score),
        )
    else:
        # A generic flag: the cached story page must not say anything about this reader.
        response = redirect(f"{article.get_absolute_url()}?rated=1#rating")
    return remember_reader(response, reader)


@never_cache
@require_GET
def rating_state(request, pk):
    """The story's current rating and this reader's own vote, for the widget on a cached page."""
    article = rateable_story(pk)
    reader = reader_of(request)
    score = None
    if reader.is_known:
        score = Vote.objects.filter(article=article).cast_by(voter_of(reader)).values_list("score", flat=True).first()
    return JsonResponse({**rating_summary(article), "score": score, "ownLabel": own_vote_label(score) if score else ""})
