"""Units (the tree and its successions), partners (the shared directory) and contacts."""

from __future__ import annotations

from rest_framework import serializers

from solidarity.contacts.models import PERSONAL_FIELDS, SENSITIVE_FIELDS, Contact
from solidarity.contacts.services import CONTACT_FIELDS
from solidarity.partners.models import Partner
from solidarity.partners.services import PARTNER_FIELDS
from solidarity.units.models import Unit, UnitSuccession

from .base import (
    ReadSerializer,
    RecordSerializer,
    UnitRefSerializer,
    VersionedWriteSerializer,
    WriteSerializer,
)
from .personal import PersonalFieldsMixin, personal_field


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "level",
            "kind",
            "depth",
            "parent",
            "valid_from",
            "valid_to",
            "approves_own",
        ]
        read_only_fields = fields

    def get_parent(self, unit: Unit) -> int | None:
        # The parent's key, from a map the view reads once per page (no query per row).
        return self.context.get("parents", {}).get(unit.parent_path)


class SuccessionSerializer(serializers.ModelSerializer):
    predecessor = UnitRefSerializer(read_only=True)
    successor = UnitRefSerializer(read_only=True)

    class Meta:
        model = UnitSuccession
        fields = ["predecessor", "successor", "kind", "effective_date", "note"]
        read_only_fields = fields


class UnitDetailSerializer(UnitSerializer):
    predecessors = SuccessionSerializer(many=True, read_only=True, source="successions_in")
    successors = SuccessionSerializer(many=True, read_only=True, source="successions_out")

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "predecessors", "successors"]
        read_only_fields = fields


class PartnerSerializer(ReadSerializer):
    unit_count = serializers.IntegerField(read_only=True, help_text="How many units work with the partner.")

    class Meta:
        model = Partner
        fields = ["id", "version", *PARTNER_FIELDS, "is_active", "unit_count", "created_at", "updated_at"]
        read_only_fields = fields


class PartnerCreateSerializer(WriteSerializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), help_text="The first unit working with the partner (yours)."
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        model = Partner
        fields = ["unit", "notes", *PARTNER_FIELDS]


class PartnerUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Partner
        fields = ["version", *PARTNER_FIELDS]


class ContactSerializer(PersonalFieldsMixin, RecordSerializer):
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    email = personal_field()
    phone = personal_field()
    notes = personal_field()
    union_membership = personal_field(sensitive=True)
    id_document_number = personal_field(sensitive=True)

    class Meta:
        model = Contact
        fields = ["id", "owner_unit", "version", *CONTACT_FIELDS, "is_active", "created_at", "updated_at"]
        read_only_fields = fields
        personal, sensitive = PERSONAL_FIELDS, SENSITIVE_FIELDS


class ContactCreateSerializer(WriteSerializer):
    class Meta:
        model = Contact
        fields = ["owner_unit", *CONTACT_FIELDS]
        extra_kwargs = {"owner_unit": {"required": True}}


class ContactUpdateSerializer(VersionedWriteSerializer):
    class Meta:
        model = Contact
        fields = ["version", *CONTACT_FIELDS]
