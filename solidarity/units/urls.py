from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.unit_tree, name="tree"),
    path("pick/", views.unit_pick, name="pick"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/children/", views.unit_children, name="children"),
    path("<int:pk>/add/", views.unit_add_child, name="add_child"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/move/", views.unit_move, name="move"),
    path("<int:pk>/merge/", views.unit_merge, name="merge"),
    path("<int:pk>/split/", views.unit_split, name="split"),
    path("<int:pk>/dissolve/", views.unit_dissolve, name="dissolve"),
]
