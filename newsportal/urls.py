from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

handler400 = "newsportal.readers.errors.bad_request"
handler403 = "newsportal.readers.errors.permission_denied"
handler404 = "newsportal.readers.errors.page_not_found"
handler500 = "newsportal.readers.errors.server_error"


class FaviconView(RedirectView):
    """Browsers ask every page's host for /favicon.ico, whatever the page links (the admin's do too)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static_url("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/", admin.site.urls),
    # The partner API: no language prefix, a partner chooses editions by parameter.
    path("", include("articles.api.urls")),
    # set_language: the admin's interface language (the editions' pages take theirs from the prefix).
    path("i18n/", include("django.conf.urls.i18n")),
    # Crawlers look for robots.txt and the sitemaps at the root, whatever the edition.
    path("", include("articles.discovery.urls")),
]
urlpatterns += i18n_patterns(
    # Before articles: its catch-all section patterns would take "reader/…".
    path("", include("comments.urls")),
    path("", include("articles.infopages.urls")),
    path("", include("articles.urls")),
    prefix_default_language=True,
)
if settings.BENCH_YARDSTICK:
    from newsportal.yardstick import yardstick

    urlpatterns.append(path("bench/yardstick/", yardstick, name="bench_yardstick"))
if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
