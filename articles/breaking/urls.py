from django.urls import path

from . import views

# Included into articles.urls, in its namespace and under each edition's prefix.
urlpatterns = [
    path("breaking.json", views.breaking_json, name="breaking"),
]
