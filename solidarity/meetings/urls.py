from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingViews.view("list"), name="list"),
    path("new/", views.MeetingViews.view("create"), name="create"),
    path("options/", views.meeting_options, name="options"),
    path("agreement-options/", views.agreement_options, name="agreement_options"),
    path("<int:pk>/", views.MeetingViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.MeetingViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.MeetingViews.view("archive"), name="archive"),
    path("<int:pk>/action/", views.meeting_action, name="action"),
    path("<int:pk>/follow-ups/", views.meeting_follow_up_add, name="follow_up_add"),
]
