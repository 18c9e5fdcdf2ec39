from django.urls import path

from . import views

app_name = "sponsorship"

urlpatterns = [
    path("", views.ProjectViews.view("list"), name="list"),
    path("new/", views.ProjectViews.view("create"), name="create"),
    path("support-options/", views.support_options, name="support_options"),
    path("<int:pk>/", views.ProjectViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.ProjectViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.ProjectViews.view("archive"), name="archive"),
    path("<int:pk>/money/", views.disbursement_add, name="disbursement_add"),
    path("<int:pk>/money/<int:line>/reverse/", views.disbursement_reverse, name="disbursement_reverse"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("<int:pk>/reports/<int:line>/submitted/", views.report_submitted, name="report_submitted"),
    path("<int:pk>/reports/<int:line>/remove/", views.report_remove, name="report_remove"),
    path("<int:pk>/links/", views.link_add, name="link_add"),
    path("<int:pk>/links/<str:kind>/<int:record_pk>/remove/", views.link_remove, name="link_remove"),
]
