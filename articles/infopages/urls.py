from django.urls import path

from . import views

app_name = "infopages"

urlpatterns = [
    path("info/<slug:slug>/", views.page, name="page"),
]
