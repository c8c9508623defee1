from django.urls import path

from . import typo_views

app_name = "comments"

# Reader actions live under "reader/", a word section slugs may not take.
urlpatterns = [
    path("reader/typo/", typo_views.typo_report, name="typo_report"),
]
