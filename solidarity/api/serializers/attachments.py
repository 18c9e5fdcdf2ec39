from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from solidarity.core.models import Attachment

from .base import UserRefSerializer


class AttachmentSerializer(serializers.ModelSerializer):
    """A file's facts; its bytes come from ``download`` (the same permission check as the page)."""

    record_kind = serializers.CharField(source="content_type.model", read_only=True)
    record_id = serializers.IntegerField(source="object_id", read_only=True)
    uploaded_by = UserRefSerializer(read_only=True, allow_null=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "record_kind",
            "record_id",
            "original_name",
            "content_kind",
            "size",
            "description",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, attachment: Attachment) -> str:
        url = reverse("api:attachment-download", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
