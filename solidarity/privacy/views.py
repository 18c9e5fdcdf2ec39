"""Pages of the personal data duties: thin, through the services and selectors.

A person, consent or request outside the user's scope is a 404; inside it,
without the right to act (an officer's role AND the personal-data grant), a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from solidarity.accounts.permissions import Role, may_see_personal, unit_scope_q
from solidarity.core.forms import add_service_errors
from solidarity.core.models import Attachment
from solidarity.core.pages import short_page
from solidarity.core.views import file_download
from solidarity.units.models import Unit

from . import documents, selectors, services
from .access import log_access
from .choices import AccessAction
from .forms import (
    ConsentRecordForm,
    ConsentWithdrawForm,
    DocumentUploadForm,
    EraseForm,
    QueueFilterForm,
    RequestAnswerForm,
    RequestRecordForm,
)

QUEUE_PAGE = 50


def _person_url(person) -> str:
    return person.get_absolute_url() if hasattr(person, "get_absolute_url") else reverse("privacy:requests")


def _manageable_person(request, content_type_id: int, object_id: int):
    kind, person = selectors.person_by_ref(request.user, content_type_id, object_id)
    if not services.may_manage_personal(request.user, kind.unit_of(person)):
        raise PermissionDenied
    return kind, person


def _render(request, template: str, **context):
    return render(request, f"privacy/{template}", context)


@login_required
def person_page(request, content_type_id: int, object_id: int):
    """From a queue row to the person's own page, through the person's scope."""
    _kind, person = selectors.person_by_ref(request.user, content_type_id, object_id)
    return redirect(_person_url(person))


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request, content_type_id: int, object_id: int):
    kind, person = _manageable_person(request, content_type_id, object_id)
    form = ConsentRecordForm(
        request.POST or None, request.FILES or None, initial={"given_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(user=request.user, person=person, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect(_person_url(person))
    return _render(
        request, "consent_form.html", form=form, person=person, kind=kind, title=_("Record consent")
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk: int):
    consent = selectors.scoped_consent(request.user, pk)
    if not services.may_manage_personal(request.user, consent.unit):
        raise PermissionDenied
    person = consent.person
    form = ConsentWithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(user=request.user, consent=consent, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Consent withdrawn from %(day)s.")
                % {"day": form.cleaned_data["withdrawn_on"].strftime("%d/%m/%Y")},
            )
            return redirect(_person_url(person))
    return _render(
        request,
        "consent_withdraw.html",
        form=form,
        consent=consent,
        person=person,
        title=_("Withdraw consent"),
    )


@login_required
def consent_file(request, pk: int, file_pk: int):
    """An evidence file: to users who see the person's unit and hold the personal-data grant there."""
    consent = selectors.scoped_consent(request.user, pk)
    if not may_see_personal(request.user, consent.unit):
        raise PermissionDenied
    attachment = get_object_or_404(
        Attachment.objects.filter(
            content_type__app_label="privacy", content_type__model="consent", archived_at__isnull=True
        ),
        pk=file_pk,
        object_id=consent.pk,
    )
    log_access(user=request.user, person=consent.person, action=AccessAction.VIEW, detail="consent evidence")
    return file_download(attachment)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, content_type_id: int, object_id: int):
    kind, person = _manageable_person(request, content_type_id, object_id)
    form = RequestRecordForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            subject_request = services.request_record(user=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Request recorded: acknowledge by %(reply)s, carry out by %(due)s.")
                % {
                    "reply": subject_request.reply_due_on.strftime("%d/%m/%Y"),
                    "due": subject_request.due_on.strftime("%d/%m/%Y"),
                },
            )
            return redirect(_person_url(person))
    return _render(
        request, "request_form.html", form=form, person=person, kind=kind, title=_("Record a request")
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_answer(request, pk: int):
    subject_request = selectors.scoped_request(request.user, pk)
    if not services.may_manage_personal(request.user, subject_request.unit):
        raise PermissionDenied
    person = subject_request.person
    form = RequestAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_answer(user=request.user, request=subject_request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Answer recorded."))
            return redirect(_person_url(person))
    return _render(
        request,
        "request_answer.html",
        form=form,
        subject_request=subject_request,
        person=person,
        title=_("Answer the request"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_erase(request, content_type_id: int, object_id: int):
    kind, person = _manageable_person(request, content_type_id, object_id)
    if services.erasure_of(person) is not None:
        raise Http404
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(user=request.user, person=person, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person's personal data has been erased."))
            return redirect(_person_url(person))
    return _render(
        request, "erase_form.html", form=form, person=person, kind=kind, title=_("Erase personal data")
    )


@login_required
def request_queue(request):
    """Open requests of the units the user administers or holds the grant in, by due date; no count."""
    data = request.GET.copy()
    data.setdefault("state", "open")
    units = Unit.objects.filter(unit_scope_q(request.user, Role.VIEWER, field=""))
    form = QueueFilterForm(data, units=units)
    filters = form.cleaned_data if form.is_valid() else {"state": "open"}
    state = filters.get("state") or "open"
    rows = selectors.request_queue(
        request.user,
        state=None if state == "all" else state,
        kind=filters.get("kind") or None,
        unit=filters.get("unit"),
    )
    page = short_page(request, rows, per_page=QUEUE_PAGE)
    today = timezone.localdate()
    return _render(
        request, "request_queue.html", form=form, page=page, today=today, title=_("Data subject requests")
    )


@login_required
@require_http_methods(["POST"])
def document_add(request, content_type_id: int, object_id: int):
    """The panel's upload form: a scan stored encrypted; errors come back as a message on the page."""
    _kind, person = _manageable_person(request, content_type_id, object_id)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.document_add(
                user=request.user,
                person=person,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Document stored, encrypted."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_person_url(person) + "#privacy-documents")


@login_required
def document_download(request, pk: int):
    """The decrypted scan, as a download, never cached: to grant holders of the person's unit."""
    document = selectors.scoped_document(request.user, pk)
    data = documents.document_open(user=request.user, document=document)  # 403 without the grant
    response = HttpResponse(data, content_type=document.file_kind.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["POST"])
def document_remove(request, pk: int):
    document = selectors.scoped_document(request.user, pk)
    if not services.may_manage_personal(request.user, document.unit):
        raise PermissionDenied
    person = document.person
    documents.document_remove(user=request.user, document=document)
    messages.success(request, _("Document removed."))
    return redirect(_person_url(person) + "#privacy-documents")
