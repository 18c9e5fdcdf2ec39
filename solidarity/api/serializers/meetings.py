from __future__ import annotations

from solidarity.meetings.models import Meeting
from solidarity.meetings.services import MEETING_FIELDS

from .base import RecordSerializer, VersionedWriteSerializer, WriteSerializer

FIELDS = [name for name in MEETING_FIELDS if name != "owner_unit"]
READ_FIELDS = [
    "id",
    "owner_unit",
    "version",
    "state",
    *FIELDS,
    "partners",
    "report_text",
    "archived_at",
    "created_at",
    "updated_at",
]


class MeetingSerializer(RecordSerializer):
    class Meta:
        model = Meeting
        fields = READ_FIELDS
        read_only_fields = fields


class MeetingCreateSerializer(WriteSerializer):
    class Meta:
        model = Meeting
        fields = ["owner_unit", *FIELDS, "partners"]
        extra_kwargs = {"owner_unit": {"required": True}}


class MeetingUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Meeting
        fields = ["version", *FIELDS, "partners"]
