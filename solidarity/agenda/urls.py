from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("feed/", views.feed_page, name="feed"),
    path("feed/reset/", views.feed_reset_view, name="feed_reset"),
    path("feed/<str:token>.ics", views.feed_ics, name="feed_ics"),
]
