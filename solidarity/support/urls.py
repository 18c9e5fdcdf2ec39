from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("", views.SupportViews.view("list"), name="list"),
    path("new/", views.SupportViews.view("create"), name="create"),
    path("delegation-options/", views.delegation_options, name="delegation_options"),
    path("<int:pk>/", views.SupportViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.SupportViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.SupportViews.view("archive"), name="archive"),
]
