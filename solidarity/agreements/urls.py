from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.AgreementViews.view("list"), name="list"),
    path("new/", views.AgreementViews.view("create"), name="create"),
    path("<int:pk>/", views.AgreementViews.view("detail"), name="detail"),
    path("<int:pk>/edit/", views.AgreementViews.view("edit"), name="edit"),
    path("<int:pk>/archive/", views.AgreementViews.view("archive"), name="archive"),
    path("<int:pk>/phases/new/", views.phase_edit, name="phase_create"),
    path("<int:pk>/phases/<int:phase_pk>/edit/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/phases/<int:phase_pk>/delete/", views.phase_delete, name="phase_delete"),
    path("<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("steps/<int:pk>/", views.signing_step_edit, name="step_edit"),
    path("commitments/", views.CommitmentViews.view("list"), name="commitment_list"),
    path("commitments/<int:pk>/", views.CommitmentViews.view("detail"), name="commitment_detail"),
    path("commitments/<int:pk>/edit/", views.CommitmentViews.view("edit"), name="commitment_edit"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("commitments/<int:pk>/archive/", views.CommitmentViews.view("archive"), name="commitment_archive"),
]
