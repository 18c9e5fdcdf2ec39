from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("", views.ContactViews.view("list"), name="list"),
    path("new/", views.ContactViews.view("create"), name="create"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/edit/", views.ContactViews.view("edit"), name="edit"),
    path("<int:pk>/active/", views.contact_set_active, name="set_active"),
]
