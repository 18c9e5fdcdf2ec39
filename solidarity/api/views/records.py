"""The cooperation records: delegations, agreements (and commitments), meetings, support."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from solidarity.agreements import selectors as agreement_selectors
from solidarity.agreements import services as agreement_services
from solidarity.agreements.filters import AgreementFilter, CommitmentFilter
from solidarity.agreements.models import Agreement, Commitment
from solidarity.delegations import selectors as delegation_selectors
from solidarity.delegations import services as delegation_services
from solidarity.delegations.filters import DelegationFilter
from solidarity.delegations.models import Delegation
from solidarity.meetings import selectors as meeting_selectors
from solidarity.meetings import services as meeting_services
from solidarity.meetings.filters import MeetingFilter
from solidarity.meetings.models import Meeting
from solidarity.records.workflow import Action
from solidarity.support import selectors as support_selectors
from solidarity.support import services as support_services
from solidarity.support.filters import SupportFilter
from solidarity.support.models import Support

from ..serializers import agreements as agreement_io
from ..serializers import delegations as delegation_io
from ..serializers import meetings as meeting_io
from ..serializers import support as support_io
from .base import ArchiveActions, FileActions, RecordViewSet
from .workflow import WorkflowActions


def _line_endpoint(*, line: str, write_serializer, read_serializer, add, remove, lines: str, param: str):
    """POST …/{id}/<lines>/ adds a line through ``add``; DELETE …/{id}/<lines>/{line_id}/ removes one."""

    @extend_schema(request=write_serializer, responses={201: read_serializer})
    def add_line(self, request, pk=None):
        record = self.get_object()
        self.check_edit(record)
        serializer = write_serializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        line = add(record, request.user, dict(serializer.validated_data))
        return Response(read_serializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def remove_line(self, request, pk=None, **kwargs):
        record = self.get_object()
        line = get_object_or_404(getattr(record, lines).all(), pk=kwargs[param])
        remove(line, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    add_line.__doc__ = f"Add a line to the record's {lines}."
    remove_line.__doc__ = f"Remove a line of the record's {lines}."
    add_line.__name__ = add_line.__qualname__ = f"add_{line}"
    remove_line.__name__ = remove_line.__qualname__ = f"remove_{line}"
    return (
        action(
            detail=True, methods=["post"], url_path=lines, url_name=lines, serializer_class=write_serializer
        )(add_line),
        action(
            detail=True,
            methods=["delete"],
            url_path=rf"{lines}/(?P<{param}>[0-9]+)",
            url_name=f"{lines}-remove",
            serializer_class=write_serializer,
        )(remove_line),
    )


class DelegationViewSet(WorkflowActions, ArchiveActions, FileActions, RecordViewSet):
    """Delegations going abroad and coming in: members, programme, costs, approval, post-trip report."""

    model = Delegation
    services = delegation_services
    selectors = delegation_selectors
    filterset_class = DelegationFilter
    prefetch = ("partners",)
    detail_prefetch = ("members__unit", "programme", "costs")
    serializer_class = delegation_io.DelegationSerializer
    detail_serializer_class = delegation_io.DelegationDetailSerializer
    create_serializer_class = delegation_io.DelegationCreateSerializer
    update_serializer_class = delegation_io.DelegationUpdateSerializer

    def create_record(self, data):
        return delegation_services.delegation_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return delegation_services.delegation_update(
            delegation=record, by=self.request.user, expected_version=version, **data
        )

    def take_action(self, record, name, data):
        user = self.request.user
        if name == Action.FILE_REPORT:
            uploads = [data["file"]] if data.get("file") else []
            return delegation_services.delegation_file_report(
                delegation=record,
                by=user,
                report_text=data["report_text"],
                comment=data["comment"],
                uploads=uploads,
            )
        return delegation_services.ACTIONS[name](delegation=record, by=user, comment=data["comment"])

    add_member, remove_member = _line_endpoint(
        line="member",
        write_serializer=delegation_io.MemberWriteSerializer,
        read_serializer=delegation_io.MemberSerializer,
        add=lambda record, by, data: delegation_services.member_add(delegation=record, by=by, **data),
        remove=lambda line, by: delegation_services.member_remove(member=line, by=by),
        lines="members",
        param="member_id",
    )
    add_programme_item, remove_programme_item = _line_endpoint(
        line="programme_item",
        write_serializer=delegation_io.ProgrammeItemWriteSerializer,
        read_serializer=delegation_io.ProgrammeItemSerializer,
        add=lambda record, by, data: delegation_services.programme_item_add(delegation=record, by=by, **data),
        remove=lambda line, by: delegation_services.programme_item_remove(item=line, by=by),
        lines="programme",
        param="item_id",
    )
    add_cost, remove_cost = _line_endpoint(
        line="cost",
        write_serializer=delegation_io.CostWriteSerializer,
        read_serializer=delegation_io.CostSerializer,
        add=lambda record, by, data: delegation_services.cost_add(delegation=record, by=by, **data),
        remove=lambda line, by: delegation_services.cost_remove(cost=line, by=by),
        lines="costs",
        param="cost_id",
    )


class AgreementViewSet(ArchiveActions, FileActions, RecordViewSet):
    """Cooperation agreements with their phases and signing steps (commitments: /api/commitments/)."""

    model = Agreement
    services = agreement_services
    selectors = agreement_selectors
    filterset_class = AgreementFilter
    prefetch = ("partners",)
    detail_prefetch = ("phases", "signing_steps")
    serializer_class = agreement_io.AgreementSerializer
    detail_serializer_class = agreement_io.AgreementDetailSerializer
    create_serializer_class = agreement_io.AgreementCreateSerializer
    update_serializer_class = agreement_io.AgreementUpdateSerializer

    def create_record(self, data):
        data.setdefault("partners", [])
        return agreement_services.agreement_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return agreement_services.agreement_update(
            agreement=record, by=self.request.user, expected_version=version, **data
        )

    add_phase, remove_phase = _line_endpoint(
        line="phase",
        write_serializer=agreement_io.PhaseWriteSerializer,
        read_serializer=agreement_io.PhaseSerializer,
        add=lambda record, by, data: agreement_services.phase_save(agreement=record, by=by, **data),
        remove=lambda line, by: agreement_services.phase_delete(phase=line, by=by),
        lines="phases",
        param="phase_id",
    )


class CommitmentViewSet(ArchiveActions, RecordViewSet):
    """What an agreement (or a meeting) committed to, who is responsible, by when, and how far it got."""

    model = Commitment
    services = agreement_services
    selectors = agreement_selectors
    filterset_class = CommitmentFilter
    related = ("owner_unit", "responsible_unit")
    serializer_class = agreement_io.CommitmentSerializer
    create_serializer_class = agreement_io.CommitmentCreateSerializer
    update_serializer_class = agreement_io.CommitmentUpdateSerializer

    def create_record(self, data):
        return agreement_services.commitment_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return agreement_services.commitment_update(
            commitment=record, by=self.request.user, expected_version=version, **data
        )


class MeetingViewSet(WorkflowActions, ArchiveActions, FileActions, RecordViewSet):
    """International meetings hosted or attended; hosted international ones go through approval."""

    model = Meeting
    services = meeting_services
    selectors = meeting_selectors
    filterset_class = MeetingFilter
    prefetch = ("partners",)
    serializer_class = meeting_io.MeetingSerializer
    create_serializer_class = meeting_io.MeetingCreateSerializer
    update_serializer_class = meeting_io.MeetingUpdateSerializer

    def create_record(self, data):
        return meeting_services.meeting_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return meeting_services.meeting_update(
            meeting=record, by=self.request.user, expected_version=version, fields=data
        )

    def take_action(self, record, name, data):
        meeting, _warnings = meeting_services.meeting_take_action(
            meeting=record,
            action=name,
            by=self.request.user,
            comment=data["comment"],
            report_text=data["report_text"],
        )
        return meeting


class SupportViewSet(ArchiveActions, FileActions, RecordViewSet):
    """Support given and received: money (any currency, with its VND value) and items."""

    model = Support
    services = support_services
    selectors = support_selectors
    filterset_class = SupportFilter
    related = ("owner_unit", "partner")
    detail_prefetch = ("items",)
    serializer_class = support_io.SupportSerializer
    detail_serializer_class = support_io.SupportDetailSerializer
    create_serializer_class = support_io.SupportCreateSerializer
    update_serializer_class = support_io.SupportUpdateSerializer

    def create_record(self, data):
        items = data.pop("items", [])
        return support_services.support_create(by=self.request.user, items=items, **data)

    def current_values(self, record, names):
        values = super().current_values(record, [name for name in names if name != "items"])
        values["items"] = [
            {
                "id": item.pk,
                "description": item.description,
                "quantity": item.quantity,
                "value_vnd": item.value_vnd,
            }
            for item in record.items.all()
        ]
        return values

    def update_record(self, record, data, *, version):
        items = data.pop("items")
        return support_services.support_update(
            support=record, by=self.request.user, expected_version=version, fields=data, items=items
        )
