from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from newsportal.pagecache.pages import shared_page

from .models import InfoPage


@shared_page("story")
def page(request, slug):
    info = get_object_or_404(InfoPage, edition=get_language(), slug=slug)
    return render(request, "infopages/page.html", {"page": info})
