from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("upload/<int:content_type_id>/<int:object_id>/", views.attachment_upload, name="attachment_upload"),
]
