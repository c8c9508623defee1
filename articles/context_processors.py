from django.conf import settings
from django.utils.translation import get_language


def site_chrome(request):
    """What the header and footer of every public page need."""
    from .editions import default_alternates
    from .views import edition_sections

    if request.path.startswith("/admin/"):
        return {}
    return {
        "nav_sections": lambda: edition_sections(request),
        "edition": get_language(),
        "editions": settings.LANGUAGES,
        # The edition switch's targets; views with a counterpart page set their own.
        "alternates": default_alternates(),
    }
