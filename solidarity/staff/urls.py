from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.OfficerViews.view("list"), name="officer_list"),
    path("new/", views.OfficerViews.view("create"), name="officer_create"),
    path("officer-options/", views.officer_options, name="officer_options"),
    path("user-options/", views.user_options, name="user_options"),
    path("<int:pk>/", views.OfficerViews.view("detail"), name="officer_detail"),
    path("<int:pk>/edit/", views.OfficerViews.view("edit"), name="officer_edit"),
    path("<int:pk>/archive/", views.OfficerViews.view("archive"), name="officer_archive"),
    path("trainings/", views.TrainingViews.view("list"), name="training_list"),
    path("trainings/new/", views.TrainingViews.view("create"), name="training_create"),
    path("trainings/<int:pk>/", views.TrainingViews.view("detail"), name="training_detail"),
    path("trainings/<int:pk>/edit/", views.TrainingViews.view("edit"), name="training_edit"),
    path("trainings/<int:pk>/archive/", views.TrainingViews.view("archive"), name="training_archive"),
    path("trainings/<int:pk>/participants/", views.participant_add, name="participant_add"),
    path(
        "trainings/<int:pk>/participants/<int:participant_pk>/",
        views.participant_result,
        name="participant_result",
    ),
    path(
        "trainings/<int:pk>/participants/<int:participant_pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
]
