from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("requests/", views.request_queue, name="requests"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/files/<int:file_pk>/", views.consent_file, name="consent_file"),
    path("people/<int:content_type_id>/<int:object_id>/", views.person_page, name="person"),
    path(
        "people/<int:content_type_id>/<int:object_id>/consent/", views.consent_create, name="consent_create"
    ),
    path(
        "people/<int:content_type_id>/<int:object_id>/request/", views.request_create, name="request_create"
    ),
    path("people/<int:content_type_id>/<int:object_id>/erase/", views.person_erase, name="erase"),
    path("people/<int:content_type_id>/<int:object_id>/documents/", views.document_add, name="document_add"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
]
