"""The reports' figures as JSON: the report (reports.selectors.build_report) of the page and its files."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from solidarity.reports.forms import KIND_CHOICES, ReportForm
from solidarity.reports.selectors import BREAKDOWNS, build_report, default_unit, report_unit

from .base import RequestLanguageMixin


class ReportView(RequestLanguageMixin, APIView):
    """A unit's report (with everything under it) for a period, against the period before it."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unit", OpenApiTypes.INT, description="The unit; default: the user's first unit."
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=[key for key, _label in KIND_CHOICES]),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("quarter", OpenApiTypes.INT, enum=[1, 2, 3, 4]),
            OpenApiParameter("start", OpenApiTypes.DATE, description="First day (kind=range)."),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day (kind=range)."),
            OpenApiParameter(
                "partners", OpenApiTypes.BOOL, description="The national report's partner ranking."
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        raw_unit = request.query_params.get("unit", "").strip()
        if raw_unit:
            unit = report_unit(user=request.user, unit_id=raw_unit)  # 404 when the user may not see it
        else:
            unit = default_unit(request.user)
            if unit is None:
                raise Http404
        data = request.query_params.copy()
        data["unit"] = str(unit.pk)
        form = ReportForm(data, user=request.user)
        if not form.is_valid():
            errors = {
                ("non_field_errors" if name == "__all__" else name): messages
                for name, messages in form.errors.items()
            }
            raise ValidationError(errors or _("Choose a period."))
        with_partners = unit.depth > 1 or request.query_params.get("partners") in ("1", "true")
        breakdowns = BREAKDOWNS if with_partners else tuple(b for b in BREAKDOWNS if b != "partner")
        report = build_report(
            user=request.user, unit=unit, period=form.cleaned_data["period"], breakdowns=breakdowns
        )
        return Response(report.to_data())
