"""Reads of the personal data duties, scoped by the one permission rule.

A person is reached only through its own model's scope (``unit_field`` of its
kind): outside it, 404. Their consents and requests are read whole only by
holders of the personal-data grant; everyone else who sees the person sees
how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404

from solidarity.accounts.permissions import (
    Role,
    has_role_on,
    may_see_personal,
    personal_scope_q,
    subtree_q,
    unit_scope_q,
)
from solidarity.core.models import Attachment

from .choices import RequestState
from .models import Consent, PersonalDataErasure, SensitiveDocument, SubjectRequest
from .registry import PersonKind, kind_by_key, kind_for
from .services import may_manage_personal


def visible_person(user, kind: PersonKind, pk: int, *related: str):
    """The person ``pk`` of ``kind`` if ``user`` sees their unit's records; 404 otherwise."""
    rows = kind.model._default_manager.filter(unit_scope_q(user, Role.VIEWER, field=kind.unit_field))
    person = rows.select_related(*related).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_by_ref(user, content_type_id: int, object_id: int):
    """(kind, person) from a generic key in a URL; 404 for a model holding no person or out of scope."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    kind = kind_by_key(f"{content_type.app_label}.{content_type.model}")
    if kind is None:
        raise Http404
    return kind, visible_person(user, kind, object_id)


def scoped_consent(user, pk: int) -> Consent:
    """A consent whose person's unit ``user`` sees; 404 otherwise."""
    consent = Consent.objects.visible_to(user).select_related("unit").filter(pk=pk).first()
    if consent is None:
        raise Http404
    return consent


def scoped_request(user, pk: int) -> SubjectRequest:
    request = SubjectRequest.objects.visible_to(user).select_related("unit").filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


@dataclass
class Panel:
    """What the privacy panel of one person's page shows, read in a few queries whatever its length."""

    person: object
    kind: PersonKind
    unit: object
    content_type: ContentType
    sees_personal: bool
    may_manage: bool
    is_admin: bool
    erasure: PersonalDataErasure | None
    consents: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    consents_in_force: int = 0
    consents_withdrawn: int = 0
    requests_open: int = 0
    requests_closed: int = 0
    documents: list = field(default_factory=list)
    documents_count: int = 0

    @property
    def may_record(self) -> bool:
        return self.may_manage and self.erasure is None


def person_panel(user, person) -> Panel | None:
    """The panel of ``person`` for ``user`` (who sees their page); None for a model holding no person."""
    kind = kind_for(person)
    if kind is None:
        return None
    unit = kind.unit_of(person)
    content_type = ContentType.objects.get_for_model(person, for_concrete_model=False)
    sees = may_see_personal(user, unit)
    panel = Panel(
        person=person,
        kind=kind,
        unit=unit,
        content_type=content_type,
        sees_personal=sees,
        may_manage=may_manage_personal(user, unit),
        is_admin=has_role_on(user, unit, Role.ADMIN),
        erasure=PersonalDataErasure.objects.filter(content_type=content_type, object_id=person.pk)
        .select_related("request")
        .first(),
    )
    of_person = {"content_type": content_type, "object_id": person.pk}
    if sees:
        panel.consents = list(
            Consent.objects.filter(**of_person).select_related("recorded_by", "withdrawn_by")
        )
        files: dict[int, list] = {}
        if panel.consents:
            rows = Attachment.objects.filter(
                content_type=ContentType.objects.get_for_model(Consent),
                object_id__in=[consent.pk for consent in panel.consents],
                archived_at__isnull=True,
            ).order_by("pk")
            for attachment in rows:
                files.setdefault(attachment.object_id, []).append(attachment)
        for consent in panel.consents:
            consent.files = files.get(consent.pk, [])
        panel.requests = list(SubjectRequest.objects.filter(**of_person).order_by("-received_on", "-pk"))
        panel.documents = list(SensitiveDocument.objects.filter(**of_person))
        panel.documents_count = len(panel.documents)
        panel.consents_in_force = sum(1 for c in panel.consents if c.in_force)
        panel.consents_withdrawn = len(panel.consents) - panel.consents_in_force
        panel.requests_open = sum(1 for r in panel.requests if r.state == RequestState.OPEN)
        panel.requests_closed = len(panel.requests) - panel.requests_open
    else:
        consents = Consent.objects.filter(**of_person).aggregate(
            in_force=Count("pk", filter=Q(withdrawn_on__isnull=True)), total=Count("pk")
        )
        requests = SubjectRequest.objects.filter(**of_person).aggregate(
            open=Count("pk", filter=Q(state=RequestState.OPEN)), total=Count("pk")
        )
        panel.documents_count = SensitiveDocument.objects.filter(**of_person).count()
        panel.consents_in_force = consents["in_force"]
        panel.consents_withdrawn = consents["total"] - consents["in_force"]
        panel.requests_open = requests["open"]
        panel.requests_closed = requests["total"] - requests["open"]
    return panel


def request_queue(user, *, state: str | None = RequestState.OPEN, kind: str | None = None, unit=None):
    """Requests a unit's administrators and grant holders answer: their units and below, by due date."""
    rows = SubjectRequest.objects.filter(
        unit_scope_q(user, Role.ADMIN, field="unit") | personal_scope_q(user, field="unit")
    )
    if state:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    if unit is not None:
        rows = rows.filter(subtree_q(unit, "unit"))
    return rows.select_related("unit").order_by("due_on", "pk")


def scoped_document(user, pk: int) -> SensitiveDocument:
    """A scan whose person's unit ``user`` sees; 404 otherwise."""
    document = SensitiveDocument.objects.visible_to(user).select_related("unit").filter(pk=pk).first()
    if document is None:
        raise Http404
    return document
