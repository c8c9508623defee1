from django.urls import include, path, re_path

from newsportal.pagecache.pages import shared_page

from . import views
from .breaking import urls as breaking_urls
from .discovery import feeds
from .discovery import views as discovery_views
from .ratings import views as rating_views

# Feeds are the same for every reader; aggregators poll often, shared caches absorb it.
feed_cache = shared_page("feed")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.YearArchive.as_view(), name="archive_year"),
    re_path(r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.MonthArchive.as_view(), name="archive_month"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.DayArchive.as_view(),
        name="archive_day",
    ),
    # Tag slugs keep their alphabet (Cyrillic tags have Cyrillic slugs), hence str, not slug.
    path("tags/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("reader/csrf/", views.reader_csrf, name="reader_csrf"),
    path("reader/rate/<int:pk>/", rating_views.rate, name="rate"),
    path("reader/rate/<int:pk>/state/", rating_views.rating_state, name="rating_state"),
    path("reader/seen/<int:pk>/", discovery_views.reader_seen, name="reader_seen"),
    path("search/", discovery_views.search, name="search"),
    *breaking_urls.urlpatterns,
    path("feeds/rss/", feed_cache(feeds.StoryFeed()), name="feed_rss"),
    path("feeds/atom/", feed_cache(feeds.StoryAtomFeed()), name="feed_atom"),
    path("feeds/sections/<slug:section>/rss/", feed_cache(feeds.SectionFeed()), name="feed_section_rss"),
    path("feeds/sections/<slug:section>/atom/", feed_cache(feeds.SectionAtomFeed()), name="feed_section_atom"),
    path("feeds/tags/<str:slug>/rss/", feed_cache(feeds.TagFeed()), name="feed_tag_rss"),
    path("feeds/tags/<str:slug>/atom/", feed_cache(feeds.TagAtomFeed()), name="feed_tag_atom"),
    path("", include("articles.live.urls")),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<int:pk>-<slug:slug>/", views.StoryView.as_view(), name="detail"),
]
