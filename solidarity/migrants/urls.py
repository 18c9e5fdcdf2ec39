from django.urls import path

from . import views

app_name = "migrants"

urlpatterns = [
    path("", views.MigrantCaseViews.view("list"), name="list"),
    path("new/", views.MigrantCaseViews.view("create"), name="create"),
    path("<int:pk>/", views.MigrantCaseViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.MigrantCaseViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.MigrantCaseViews.view("archive"), name="archive"),
    path("<int:pk>/sensitive/", views.reveal, name="reveal"),
    path("<int:pk>/follow-ups/", views.followup_add, name="followup_add"),
]
