from __future__ import annotations

from rest_framework import serializers

from solidarity.agreements.models import Agreement, Commitment, Phase, SigningStep
from solidarity.agreements.services import AGREEMENT_FIELDS, COMMITMENT_FIELDS

from .base import RecordSerializer, UnitRefSerializer, VersionedWriteSerializer, WriteSerializer

FIELDS = [name for name in AGREEMENT_FIELDS if name != "owner_unit"]
READ_FIELDS = ["id", "owner_unit", "version", *FIELDS, "partners", "archived_at", "created_at", "updated_at"]


class AgreementSerializer(RecordSerializer):
    class Meta:
        model = Agreement
        fields = READ_FIELDS
        read_only_fields = fields


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "start_year", "end_year", "contents"]
        read_only_fields = fields


class SigningStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = SigningStep
        fields = ["id", "kind", "due_on", "done_on", "note"]
        read_only_fields = fields


class AgreementDetailSerializer(AgreementSerializer):
    phases = PhaseSerializer(many=True, read_only=True)
    signing_steps = SigningStepSerializer(many=True, read_only=True)

    class Meta(AgreementSerializer.Meta):
        fields = [*READ_FIELDS, "phases", "signing_steps"]
        read_only_fields = fields


class AgreementCreateSerializer(WriteSerializer):
    class Meta:
        model = Agreement
        fields = ["owner_unit", *FIELDS, "partners"]
        extra_kwargs = {"owner_unit": {"required": True}}


class AgreementUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Agreement
        fields = ["version", *FIELDS, "partners"]


class PhaseWriteSerializer(WriteSerializer):
    class Meta:
        model = Phase
        fields = ["name", "start_year", "end_year", "contents"]


class CommitmentSerializer(RecordSerializer):
    responsible_unit = UnitRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "owner_unit",
            "version",
            "agreement",
            "meeting",
            *COMMITMENT_FIELDS,
            "archived_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CommitmentCreateSerializer(WriteSerializer):
    class Meta:
        model = Commitment
        fields = ["agreement", *COMMITMENT_FIELDS]
        extra_kwargs = {"agreement": {"required": True, "allow_null": False}}


class CommitmentUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Commitment
        fields = ["version", *COMMITMENT_FIELDS]
