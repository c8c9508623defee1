from django.urls import path

from . import views
from .typos import views as typo_views

app_name = "comments"

# Reader actions live under "reader/" and "comments/", words section slugs may not take.
urlpatterns = [
    path("reader/typo/", typo_views.typo_report, name="typo_report"),
    path("comments/<int:pk>/post/", views.comment_post, name="post"),
    path("comments/<int:pk>/state/", views.comment_state, name="state"),
    path("comments/report/", views.comment_report, name="report"),
    path("comments/<int:pk>/", views.comment_goto, name="goto"),
]
