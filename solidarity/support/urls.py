from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("", views.support_list, name="list"),
    path("new/", views.support_create, name="create"),
    path("delegation-options/", views.delegation_options, name="delegation_options"),
    path("<int:pk>/", views.support_detail, name="detail"),
    path("<int:pk>/edit/", views.support_edit, name="edit"),
    path("<int:pk>/archive/", views.support_archive, name="archive"),
]
