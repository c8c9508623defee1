"""What crawlers look for at the site's root, whatever the edition: robots.txt and the sitemaps."""

from django.urls import path

from . import sitemaps
from . import views as discovery_views

urlpatterns = [
    path("robots.txt", discovery_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
]
