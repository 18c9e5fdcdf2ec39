from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import pages
from .views import directory, files, records, reports

app_name = "api"

router = DefaultRouter()
router.register("units", directory.UnitViewSet, basename="unit")
router.register("partners", directory.PartnerViewSet, basename="partner")
router.register("contacts", directory.ContactViewSet, basename="contact")
router.register("agreements", records.AgreementViewSet, basename="agreement")
router.register("commitments", records.CommitmentViewSet, basename="commitment")
router.register("delegations", records.DelegationViewSet, basename="delegation")
router.register("meetings", records.MeetingViewSet, basename="meeting")
router.register("support", records.SupportViewSet, basename="support")
router.register("attachments", files.AttachmentViewSet, basename="attachment")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from drf-spectacular-sidecar; its start-up script is a file (CSP: no inline script).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("reports/", reports.ReportView.as_view(), name="report"),
    path("tokens/", pages.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke_view, name="token_revoke"),
    *router.urls,
]
