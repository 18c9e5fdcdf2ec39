"""Migrant workers' cases, declared on the record kit, with what the personal-data duties add:
the person's details only for a holder of the grant, every view logged, the sensitive fields
shown one click at a time (and logged), the export's personal columns only when asked for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.models import Membership
from solidarity.accounts.permissions import holds_personal_grant, may_see_personal
from solidarity.core.exports import requested_format
from solidarity.core.forms import add_service_errors
from solidarity.privacy.access import log_access, log_export
from solidarity.privacy.choices import AccessAction
from solidarity.privacy.fields import mask
from solidarity.records.base import may_write
from solidarity.records.exports import export_list
from solidarity.records.kit import RecordViews, visible_record

from . import selectors, services
from .filters import MigrantCaseFilter
from .forms import FollowUpForm, MigrantCaseForm
from .models import PERSONAL_FIELDS, SENSITIVE_FIELDS, MigrantCase
from .sheets import CASES, CASES_PERSONAL

SHOWN = "personal data shown"
NOT_SHOWN = "personal data not shown"
SENSITIVE_SHOWN = "sensitive fields shown"


def _personal_labels() -> set[str]:
    return {str(MigrantCase._meta.get_field(name).verbose_name) for name in PERSONAL_FIELDS}


class MigrantCaseViews(RecordViews):
    model = MigrantCase
    services, selectors = services, selectors
    related = ("owner_unit", "partner")
    filterset = MigrantCaseFilter
    ordering = ("-opened_on", "-pk")
    # No files on a case: a scanned paper of a worker is personal data the grant would have to guard.
    files = False
    create_refusal = gettext_lazy("You record cases for no unit.")
    created_message = gettext_lazy("Case recorded.")
    archived_message = gettext_lazy("Case archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Case restored.")

    # -- list and export ----------------------------------------------------------------------

    def list_context(self, filterset):
        granted = holds_personal_grant(self.user)
        return {"personal_grant": granted, "personal_export": granted}

    def export(self, filterset):
        file_format = requested_format(self.request)
        if file_format is None:
            return None
        personal = self.request.GET.get("personal") == "1" and holds_personal_grant(self.user)
        rows = self.rows(filterset).defer(None)
        if personal and "personal_ok" not in rows.query.annotations:
            rows = selectors.with_personal_mark(rows, user=self.user)
        response = export_list(
            self.request,
            sheet=(CASES_PERSONAL if personal else CASES).name,
            queryset=rows,
            file_format=file_format,
        )
        unit = filterset.form.cleaned_data.get("unit") if filterset.is_bound else None
        unit = unit or _home_unit(self.user)
        if unit is not None:
            log_export(
                user=self.user,
                model=MigrantCase,
                unit=unit,
                rows=rows.order_by().count(),
                detail=f"{'personal data included' if personal else NOT_SHOWN}; {file_format}",
            )
        return response

    # -- detail -------------------------------------------------------------------------------

    def detail_context(self, case, context, *, revealed=False, followup_form=None, **extra):
        personal = may_see_personal(self.user, case.owner_unit)
        if not revealed:
            log_access(
                user=self.user, person=case, action=AccessAction.VIEW, detail=SHOWN if personal else NOT_SHOWN
            )
        if not personal:
            hidden = _personal_labels()
            history = []
            for entry in context["history"]:
                had = bool(entry.changes)
                entry.changes = [change for change in entry.changes if change[0] not in hidden]
                if had and not entry.changes:
                    continue
                history.append(entry)
            context["history"] = history
        writable = may_write(user=self.user, record=case)
        sensitive = []
        if personal:
            for name in SENSITIVE_FIELDS:
                value = getattr(case, name)
                label = MigrantCase._meta.get_field(name).verbose_name
                sensitive.append(
                    {"label": label, "value": value if revealed else mask(value), "stored": bool(value)}
                )
        return {
            "personal": personal,
            "sensitive": sensitive,
            "revealed": revealed,
            "anything_to_reveal": any(item["stored"] for item in sensitive),
            "follow_ups": case.follow_ups.all(),
            "followup_form": followup_form or (FollowUpForm() if writable else None),
            "can_follow_up": writable,
        }

    # -- create and edit ----------------------------------------------------------------------

    def get_forms(self, data, case):
        if case is None:
            personal = selectors.may_write_personal_somewhere(self.user)
        else:
            personal = may_see_personal(self.user, case.owner_unit)
        return {"form": MigrantCaseForm(data, instance=case, user=self.user, personal=personal)}

    def edit(self, pk: int):
        case = self.get_object(pk)
        refused = self.refuse_edit(case)
        if refused:
            return refused
        if self.request.method == "GET" and may_see_personal(self.user, case.owner_unit):
            log_access(user=self.user, person=case, action=AccessAction.VIEW, detail=f"{SHOWN} (edit form)")
        return self.form_page(case)

    def form_context(self, case):
        form_personal = case is None and selectors.may_write_personal_somewhere(self.user)
        return {
            "personal": form_personal or (case is not None and may_see_personal(self.user, case.owner_unit))
        }

    def save(self, forms, case):
        form = forms["form"]
        fields = form.case_fields()
        if case is None:
            return services.migrantcase_create(by=self.user, **fields)
        version = fields.pop("version", None) or form.cleaned_data.get("version") or 0
        current = MigrantCase.objects.get(pk=case.pk)
        try:
            return services.migrantcase_update(
                migrantcase=current, by=self.user, expected_version=version, **fields
            )
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error

    def create_record(self, fields, forms):  # pragma: no cover - save() above is the path
        return services.migrantcase_create(by=self.user, **fields)


def _home_unit(user):
    membership = Membership.objects.filter(user=user).select_related("unit").order_by("unit__path").first()
    return membership.unit if membership else None


@login_required
@require_POST
def reveal(request, pk: int):
    """The sensitive fields in clear, for a holder of the grant: logged as such."""
    case = visible_record(MigrantCase, request.user, pk, "owner_unit", "partner")
    if not may_see_personal(request.user, case.owner_unit):
        raise PermissionDenied(_("You do not have the personal-data permission for this case."))
    log_access(user=request.user, person=case, action=AccessAction.VIEW, detail=SENSITIVE_SHOWN)
    return MigrantCaseViews(request).render_detail(case, revealed=True)


@login_required
@require_POST
def followup_add(request, pk: int):
    case = visible_record(MigrantCase, request.user, pk, "owner_unit", "partner")
    if not may_write(user=request.user, record=case):
        raise PermissionDenied(_("You cannot add follow-ups to this case."))
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.followup_add(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect(case)
    return MigrantCaseViews(request).render_detail(case, status=400, followup_form=form)
