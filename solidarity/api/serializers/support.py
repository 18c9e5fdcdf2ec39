from __future__ import annotations

from rest_framework import serializers

from solidarity.support.models import Support, SupportItem
from solidarity.support.services import SUPPORT_FIELDS

from .base import RecordSerializer, VersionedWriteSerializer, WriteSerializer

FIELDS = [name for name in SUPPORT_FIELDS if name != "owner_unit"]
READ_FIELDS = ["id", "owner_unit", "version", *FIELDS, "archived_at", "created_at", "updated_at"]


class SupportItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportItem
        fields = ["id", "description", "quantity", "value_vnd"]
        read_only_fields = fields


class SupportItemWriteSerializer(serializers.ModelSerializer):
    """An item of a write: with its ``id`` it changes that item, without one it is new; items left out go."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = SupportItem
        fields = ["id", "description", "quantity", "value_vnd"]


class SupportSerializer(RecordSerializer):
    class Meta:
        model = Support
        fields = READ_FIELDS
        read_only_fields = fields


class SupportDetailSerializer(SupportSerializer):
    items = SupportItemSerializer(many=True, read_only=True)

    class Meta(SupportSerializer.Meta):
        fields = [*READ_FIELDS, "items"]
        read_only_fields = fields


class SupportCreateSerializer(WriteSerializer):
    items = SupportItemWriteSerializer(many=True, required=False)

    class Meta:
        model = Support
        fields = ["owner_unit", *FIELDS, "items"]
        extra_kwargs = {"owner_unit": {"required": True}, "total_vnd": {"required": False}}


class SupportUpdateSerializer(VersionedWriteSerializer):
    items = SupportItemWriteSerializer(many=True, required=False)

    class Meta:
        model = Support
        fields = ["version", *FIELDS, "items"]
        extra_kwargs = {"total_vnd": {"required": False}}
