"""What every record's serializers share: short references to units and users, scoped choices on writes."""

from __future__ import annotations

from django.db import models
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from solidarity.accounts.permissions import units_visible_to
from solidarity.units.models import Unit


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "short_name"]
        read_only_fields = fields


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


class ReadSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Output: an e-mail or web address left empty reads "", so these are plain strings here."""

    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.EmailField: serializers.CharField,
        models.URLField: serializers.CharField,
    }

    def get_fields(self):
        # DRF drops ``allow_blank`` from read-only fields; an optional choice (a meeting's country)
        # still reads "" when empty, and the schema has to say so.
        fields = super().get_fields()
        model_fields = {f.name: f for f in self.Meta.model._meta.concrete_fields}
        for name, field in fields.items():
            model_field = model_fields.get(getattr(field, "source", name) or name)
            if isinstance(field, serializers.ChoiceField) and model_field is not None and model_field.blank:
                field.allow_blank = True
        return fields


class RecordSerializer(ReadSerializer):
    """Output of a unit's record: its owner and version (send it back with a change)."""

    owner_unit = UnitRefSerializer(read_only=True)


def scoped_querysets(user) -> dict:
    """What a write may point at, by field name: only what ``user`` can see (else the id is "not found")."""
    from solidarity.agreements.models import Agreement, Phase
    from solidarity.delegations.models import Delegation
    from solidarity.meetings.models import Meeting
    from solidarity.partners.models import Partner
    from solidarity.staff.models import Officer

    units = units_visible_to(user)
    return {
        "owner_unit": units,
        "unit": units,
        "responsible_unit": units,
        "partner": Partner.objects.all(),  # the directory is shared by the whole hierarchy
        "partners": Partner.objects.all(),
        "agreement": Agreement.objects.visible_to(user),
        "phase": Phase.objects.filter(agreement__in=Agreement.objects.visible_to(user)),
        "delegation": Delegation.objects.visible_to(user),
        "meeting": Meeting.objects.visible_to(user),
        "officer": Officer.objects.visible_to(user).active(),  # a delegation member on a register
    }


class WriteSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Checks a write's input; the kind's service then writes it (never ``save()`` here).

    Relations are limited to what the requesting user may see.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        querysets = scoped_querysets(request.user)
        for name, field in self.fields.items():
            if name not in querysets:
                continue
            target = getattr(field, "child_relation", field)
            if isinstance(target, serializers.RelatedField):
                target.queryset = querysets[name]

    def save(self, **kwargs):  # pragma: no cover - a guard, not a path
        raise NotImplementedError("Writes go through the services.")


class VersionedWriteSerializer(WriteSerializer):
    """A change: the fields to change, and the version read (a stale one is a 409 with the differences)."""

    version = serializers.IntegerField(min_value=1)


class ActionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    report_text = serializers.CharField(required=False, allow_blank=True, default="", max_length=100_000)
    file = serializers.FileField(required=False, help_text="A file of the post-trip report (file_report).")


class EventSerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    by = UserRefSerializer(read_only=True, allow_null=True)
    at = serializers.DateTimeField(read_only=True)
    comment = serializers.CharField(read_only=True)


class WorkflowSerializer(serializers.Serializer):
    available_actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    events = EventSerializer(many=True, read_only=True)
