from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.DelegationViews.view("list"), name="list"),
    path("new/", views.DelegationViews.view("create"), name="create"),
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/", views.DelegationViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.DelegationViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.DelegationViews.view("archive"), name="archive"),
    path("<int:pk>/act/<str:action>/", views.delegation_act, name="act"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:line_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/members/<int:line_pk>/personal/", views.member_personal, name="member_personal"),
    path("<int:pk>/programme/", views.programme_add, name="programme_add"),
    path("<int:pk>/programme/<int:line_pk>/remove/", views.programme_remove, name="programme_remove"),
    path("<int:pk>/costs/", views.cost_add, name="cost_add"),
    path("<int:pk>/costs/<int:line_pk>/remove/", views.cost_remove, name="cost_remove"),
]
