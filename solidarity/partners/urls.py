from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.PartnerViews.view("list"), name="list"),
    path("new/", views.PartnerViews.view("create"), name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/edit/", views.PartnerViews.view("edit"), name="edit"),
    path("<int:pk>/active/", views.partner_set_active, name="set_active"),
    path("<int:pk>/units/", views.partner_link_add, name="link_add"),
    path("<int:pk>/changes/<int:history_id>/revert/", views.partner_change_revert, name="change_revert"),
    path("relationships/<int:pk>/edit/", views.partner_link_edit, name="link_edit"),
]
