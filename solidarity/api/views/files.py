"""A file's facts and its bytes, through the permission check of its record."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action

from solidarity.core.models import Attachment
from solidarity.core.views import file_download
from solidarity.records.base import UnitRecord

from ..serializers.attachments import AttachmentSerializer
from .base import ApiViewSet


class AttachmentViewSet(mixins.RetrieveModelMixin, ApiViewSet):
    """One file: ``GET /api/attachments/{id}/`` its facts, ``…/download/`` its bytes."""

    serializer_class = AttachmentSerializer
    filter_backends = []

    def get_queryset(self):
        return Attachment.objects.filter(archived_at__isnull=True).select_related(
            "content_type", "uploaded_by"
        )

    def get_object(self):
        attachment = super().get_object()
        model = attachment.content_type.model_class()
        # Files hang on cooperation records only; the record's rule decides (404 outside the scope).
        if model is None or not issubclass(model, UnitRecord):
            raise Http404
        if not model.objects.visible_to(self.request.user).filter(pk=attachment.object_id).exists():
            raise Http404
        return attachment

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        attachment = self.get_object()
        if not attachment.file:
            raise Http404
        return file_download(attachment)
