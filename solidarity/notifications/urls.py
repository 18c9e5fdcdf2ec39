from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.bell, name="bell"),
    path("settings/", views.preferences, name="settings"),
    path("read-all/", views.read_all, name="read_all"),
    path("<int:pk>/read/", views.read_one, name="read"),
    path("<int:pk>/open/", views.open_one, name="open"),
]
