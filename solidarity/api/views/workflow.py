"""Workflow actions on delegations and hosted meetings: submit, withdraw, approve, return, reject,
carry out, file the report, close; the kinds' own services decide (records/workflow.py rules)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from solidarity.records.workflow import TRANSITIONS, available_actions, workflow_events

from ..serializers.base import ActionSerializer, EventSerializer, WorkflowSerializer

ACTION_NAMES = tuple(str(name) for name in TRANSITIONS)


class WorkflowActions:
    """``POST …/{id}/actions/{action}/`` with ``comment`` (and ``report_text``, ``file`` to file a report)."""

    def take_action(self, record, name: str, data: dict):
        raise NotImplementedError

    @extend_schema(
        request=ActionSerializer,
        parameters=[
            OpenApiParameter("action_name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(ACTION_NAMES))
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"actions/(?P<action_name>[a-z_]+)",
        serializer_class=ActionSerializer,
    )
    def actions(self, request, pk=None, action_name=""):
        """Take a workflow step; the answer is the record as it now stands."""
        if action_name not in ACTION_NAMES:
            raise NotFound
        record = self.get_object()
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.take_action(record, action_name, serializer.validated_data)
        return self.output(record)

    @extend_schema(request=None, responses=WorkflowSerializer)
    @action(detail=True, methods=["get"], serializer_class=WorkflowSerializer, pagination_class=None)
    def workflow(self, request, pk=None):
        """What the user may do now, and who submitted, approved, returned… when, with the comments."""
        record = self.get_object()
        return Response(
            {
                "available_actions": [str(a) for a in available_actions(user=request.user, record=record)],
                "events": EventSerializer(workflow_events(record), many=True).data,
            }
        )
