from django.urls import path

from . import item_views, views

app_name = "plans"

urlpatterns = [
    path("", views.PlanViews.view("list"), name="list"),
    path("new/", views.PlanViews.view("create"), name="create"),
    path("items/", item_views.item_list, name="items"),
    path("actual/", views.plan_vs_actual, name="actual"),
    path("item-options/", views.item_options, name="item_options"),
    path("actual/<int:unit_pk>/<int:year>/", views.plan_vs_actual, name="actual_for"),
    path("<int:pk>/", views.PlanViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.PlanViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.PlanViews.view("archive"), name="archive"),
    path("<int:pk>/amend/", views.plan_amend, name="amend"),
    path("<int:pk>/budget/", views.budget, name="budget"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/items/<int:item_pk>/drop/", views.item_drop, name="item_drop"),
    path("<int:pk>/<str:action>/", views.plan_act, name="act"),
]
