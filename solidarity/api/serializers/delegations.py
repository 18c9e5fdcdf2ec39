from __future__ import annotations

from rest_framework import serializers

from solidarity.delegations.models import (
    MEMBER_PERSONAL_FIELDS,
    MEMBER_SENSITIVE_FIELDS,
    Cost,
    Delegation,
    Member,
    ProgrammeItem,
)
from solidarity.delegations.services import DELEGATION_FIELDS

from .base import RecordSerializer, UnitRefSerializer, VersionedWriteSerializer, WriteSerializer
from .personal import PersonalFieldsMixin, personal_field

READ_FIELDS = [
    "id",
    "owner_unit",
    "version",
    "state",
    *DELEGATION_FIELDS,
    "partners",
    "report_text",
    "report_filed_on",
    "member_count",
    "archived_at",
    "created_at",
    "updated_at",
]


class DelegationSerializer(RecordSerializer):
    member_count = serializers.IntegerField(read_only=True, help_text="Members named so far.")

    class Meta:
        model = Delegation
        fields = READ_FIELDS
        read_only_fields = fields


class MemberSerializer(PersonalFieldsMixin, serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    officer = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The foreign-affairs officer's id, when on a register."
    )
    date_of_birth = personal_field(date=True)
    phone = personal_field()
    passport_number = personal_field(sensitive=True)
    id_number = personal_field(sensitive=True)
    health_notes = personal_field(sensitive=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "full_name",
            "unit",
            "organisation",
            "title",
            "role",
            "is_key_leader",
            "officer",
            *MEMBER_PERSONAL_FIELDS,
        ]
        read_only_fields = fields
        personal, sensitive = MEMBER_PERSONAL_FIELDS, MEMBER_SENSITIVE_FIELDS


class ProgrammeItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = ["id", "day", "place", "activity"]
        read_only_fields = fields


class CostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cost
        fields = ["id", "kind", "source", "description", "currency", "amount", "amount_vnd"]
        read_only_fields = fields


class DelegationDetailSerializer(DelegationSerializer):
    members = MemberSerializer(many=True, read_only=True)
    programme = ProgrammeItemSerializer(many=True, read_only=True)
    costs = CostSerializer(many=True, read_only=True)

    class Meta(DelegationSerializer.Meta):
        fields = [*READ_FIELDS, "members", "programme", "costs"]
        read_only_fields = fields


class DelegationCreateSerializer(WriteSerializer):
    class Meta:
        model = Delegation
        fields = ["owner_unit", *DELEGATION_FIELDS, "partners"]
        extra_kwargs = {"owner_unit": {"required": True}, "countries": {"required": False}}


class DelegationUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Delegation
        fields = ["version", *DELEGATION_FIELDS, "partners"]
        extra_kwargs = {"countries": {"required": False}}


class MemberWriteSerializer(WriteSerializer):
    class Meta:
        model = Member
        # The personal ones: refused by the service from anyone without the personal-data grant.
        fields = [
            "full_name",
            "unit",
            "organisation",
            "title",
            "role",
            "is_key_leader",
            "officer",
            *MEMBER_PERSONAL_FIELDS,
        ]
        # One of our officers fills the name (and unit, title) when they are left out.
        extra_kwargs = {"full_name": {"required": False}}


class ProgrammeItemWriteSerializer(WriteSerializer):
    class Meta:
        model = ProgrammeItem
        fields = ["day", "place", "activity"]


class CostWriteSerializer(WriteSerializer):
    class Meta:
        model = Cost
        fields = ["kind", "source", "description", "currency", "amount", "amount_vnd"]
        extra_kwargs = {"amount_vnd": {"required": False}}
