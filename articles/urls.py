from django.urls import path, re_path

from . import rating_views, views

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
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("reader/csrf/", views.reader_csrf, name="reader_csrf"),
    path("reader/rate/<int:pk>/", rating_views.rate, name="rate"),
    path("reader/rate/<int:pk>/state/", rating_views.rating_state, name="rating_state"),
    path("<slug:section>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<int:pk>-<slug:slug>/", views.StoryView.as_view(), name="detail"),
]
