from django.urls import path

from . import views

# Included under each edition's prefix by articles.urls ("live" is a reserved section slug).
urlpatterns = [
    path("live/<int:pk>/entries/", views.poll, name="live_poll"),
    path("live/<int:pk>/entries/<int:entry>/", views.entry_permalink, name="live_entry"),
]
