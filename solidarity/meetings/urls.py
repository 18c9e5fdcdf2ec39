from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("options/", views.meeting_options, name="options"),
    path("agreement-options/", views.agreement_options, name="agreement_options"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/archive/", views.meeting_archive, name="archive"),
    path("<int:pk>/action/", views.meeting_action, name="action"),
    path("<int:pk>/follow-ups/", views.meeting_follow_up_add, name="follow_up_add"),
]
