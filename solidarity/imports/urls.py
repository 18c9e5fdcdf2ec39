from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("template/<str:kind>.<str:file_format>", views.import_template, name="template"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/decide/", views.batch_decide, name="decide"),
    path("<int:pk>/confirm/", views.batch_confirm, name="confirm"),
    path("<int:pk>/check-again/", views.batch_check_again, name="check_again"),
    path("<int:pk>/undo/", views.batch_undo, name="undo"),
]
