from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("new/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("<int:pk>/password/", views.user_set_password, name="user_set_password"),
    path("<int:pk>/roles/new/", views.membership_add, name="membership_add"),
    path("roles/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("roles/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
]
