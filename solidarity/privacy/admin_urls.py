"""The unit administrators' privacy pages, mounted at /privacy/ beside the consent and request pages."""

from django.urls import path

from . import admin_views

app_name = "privacy_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("log/", admin_views.access_log, name="log"),
    path("breaches/", admin_views.breach_list, name="breach_list"),
    path("breaches/new/", admin_views.breach_create, name="breach_create"),
    path("breaches/<int:pk>/", admin_views.breach_edit, name="breach_edit"),
    path("retention/", admin_views.retention_page, name="retention"),
    path("retention/run/", admin_views.retention_run, name="retention_run"),
]
