from django.urls import path

from . import views

app_name = "periodic"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("prepare/", views.report_prepare, name="prepare"),
    path("status/", views.reporting_status, name="status"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/quote/", views.report_quote, name="quote"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
    path("<int:pk>/<str:action>/", views.report_act, name="act"),
]
