from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .services import breaking_state

# Browsers and proxies keep the answer this long; pages ask every POLL_SECONDS (static/js/breaking.js),
# so a flag shows on an open page within MAX_AGE + POLL_SECONDS (under the 10 s the desk is promised).
MAX_AGE = 4


@require_safe
def breaking_json(request):
    """The edition's breaking news for the banner's script: {"breaking": {id, headline, url, until} or null}.

    The same for every reader and kept in the shared cache (no query), with a short public lifetime and
    an ETag, so a poll that finds nothing new costs a 304 or a proxy's copy."""
    state = breaking_state(get_language())
    response = HttpResponse(state["body"], content_type="application/json")
    response["ETag"] = state["etag"]
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=MAX_AGE, s_maxage=MAX_AGE)
    return get_conditional_response(request, etag=state["etag"], response=response)
