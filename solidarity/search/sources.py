"""What each kind puts in the search index: its title, its text, its owner, its date, its page.

One :class:`Source` per kind, in the order the results page shows them. A
source reads only what the kind's pages show to whoever may see the record:
never a personal field (a contact's e-mail or phone, a member's date of
birth or passport), so the index cannot reveal what the page would hide.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _join(*parts) -> str:
    return " · ".join(str(part).strip() for part in parts if part and str(part).strip())


_MARK = 987654321


@lru_cache(maxsize=64)
def _url_pattern(name: str) -> str:
    return reverse(name, args=[_MARK])


def url_of(obj) -> str:
    """``obj.get_absolute_url()`` without a ``reverse()`` per row (a rebuild writes millions)."""
    name = DETAIL_URLS.get(obj._meta.label_lower)
    if name is None:
        return obj.get_absolute_url()
    return _url_pattern(name).replace(str(_MARK), str(obj.pk))


DETAIL_URLS = {
    "partners.partner": "partners:detail",
    "contacts.contact": "contacts:detail",
    "units.unit": "units:detail",
    "agreements.agreement": "agreements:detail",
    "agreements.commitment": "agreements:commitment_detail",
    "delegations.delegation": "delegations:detail",
    "meetings.meeting": "meetings:detail",
    "support.support": "support:detail",
}


def record_type(model_or_obj) -> str:
    return model_or_obj._meta.label_lower


@dataclass
class Source:
    kind: str
    label: Any  # plural, lazily translated
    model: str  # app_label.ModelName
    list_url: str | None = None  # the kind's list page, which takes ?q=
    select: tuple[str, ...] = ()

    def get_model(self):
        return apps.get_model(self.model)

    def rebuild_queryset(self):
        return self.get_model()._default_manager.select_related(*self.select).order_by("pk")

    def entry(self, obj) -> dict | None:
        """The index row's values for ``obj``, or None when it has no place in the index."""
        raise NotImplementedError


class PartnerSource(Source):
    def entry(self, obj):
        return {
            "title": obj.name,
            "body": _join(obj.name_original, obj.short_name, obj.country.name),
            "owner_unit_id": None,
            "on": _date(obj.updated_at),
            "archived": not obj.is_active,
            "url": url_of(obj),
        }


class ContactSource(Source):
    def entry(self, obj):
        # Name, title, organisation: what the contact's page shows without the personal-data grant.
        return {
            "title": obj.full_name,
            "body": _join(obj.title, obj.organisation_name, obj.languages),
            "owner_unit_id": obj.owner_unit_id,
            "on": _date(obj.updated_at),
            "archived": not obj.is_active,
            "url": url_of(obj),
        }


class UnitSource(Source):
    def entry(self, obj):
        return {
            "title": obj.name,
            "body": _join(obj.short_name, obj.code),
            "owner_unit_id": obj.pk,
            "on": obj.valid_from,
            "archived": obj.valid_to is not None and obj.valid_to <= datetime.date.today(),
            "url": url_of(obj),
        }


@dataclass
class RecordSource(Source):
    """A unit record: ``fields`` give the text, ``date_field`` the ranking date."""

    title_field: str = "title"
    fields: tuple[str, ...] = ()
    date_field: str = "start_on"

    def title(self, obj) -> str:
        return getattr(obj, self.title_field)

    def entry(self, obj):
        return {
            "title": self.title(obj),
            "body": _join(*(str(getattr(obj, name) or "")[:1000] for name in self.fields)),
            "owner_unit_id": obj.owner_unit_id,
            "on": _date(getattr(obj, self.date_field)),
            "archived": obj.archived_at is not None,
            "url": url_of(obj),
        }


class CommitmentSource(RecordSource):
    def title(self, obj):
        text = " ".join(obj.description.split())
        return text if len(text) <= 160 else text[:159] + "…"

    def entry(self, obj):
        values = super().entry(obj)
        values["on"] = obj.due_on or (datetime.date(obj.due_year, 12, 31) if obj.due_year else None)
        return values


class SupportSource(RecordSource):
    def title(self, obj):
        text = " ".join((obj.description or "").split()) or str(obj.partner)
        return text if len(text) <= 300 else text[:299] + "…"

    def entry(self, obj):
        values = super().entry(obj)
        items = [item.description for item in obj.items.all()]
        # The description is the title: the text beside it is the counterpart and the items.
        values["body"] = _join(obj.partner.name, *items)[:2000]
        return values


class MemberSource(Source):
    def entry(self, obj):
        delegation = obj.delegation
        # The name, title and organisation are on the delegation's page for whoever sees it;
        # the personal fields (birth date, phone, passport, health) are never indexed.
        return {
            "title": obj.full_name,
            "body": _join(
                obj.title, obj.organisation or (obj.unit.name if obj.unit_id else ""), delegation.title
            ),
            "owner_unit_id": delegation.owner_unit_id,
            "on": delegation.start_on,
            "archived": delegation.archived_at is not None,
            "url": url_of(delegation),
            "record_type": record_type(delegation),
            "record_id": delegation.pk,
        }


class AttachmentSource(Source):
    def rebuild_queryset(self):
        return super().rebuild_queryset().filter(archived_at__isnull=True)

    def entry(self, obj):
        from solidarity.records.base import UnitRecord

        model = obj.content_type.model_class()
        # Files hang on unit records (the download view's rule); removed files are gone.
        if obj.archived_at is not None or model is None or not issubclass(model, UnitRecord):
            return None
        record = model._default_manager.filter(pk=obj.object_id).first()
        if record is None or not obj.original_name:
            return None
        return {
            "title": obj.original_name,
            "body": _join(obj.description, str(record)),
            "owner_unit_id": record.owner_unit_id,
            "on": _date(obj.uploaded_at),
            "archived": record.archived_at is not None,
            "url": reverse("attachment_download", args=[obj.pk]),
            "record_type": record_type(record),
            "record_id": record.pk,
        }


SOURCES: list[Source] = [
    PartnerSource("partner", _("Partners"), "partners.Partner", "partners:list"),
    ContactSource("contact", _("Contacts"), "contacts.Contact", "contacts:list", ("partner", "unit")),
    UnitSource("unit", _("Units"), "units.Unit"),
    RecordSource(
        "agreement",
        _("Agreements"),
        "agreements.Agreement",
        "agreements:list",
        fields=("summary", "signed_place", "our_signatory", "partner_signatory"),
        date_field="signed_on",
    ),
    CommitmentSource(
        "commitment",
        _("Commitments"),
        "agreements.Commitment",
        "agreements:commitment_list",
        fields=("description",),
        date_field="due_on",
    ),
    RecordSource(
        "delegation",
        _("Delegations"),
        "delegations.Delegation",
        "delegations:list",
        fields=("purpose", "cities"),
    ),
    MemberSource("member", _("Delegation members"), "delegations.Member", None, ("delegation", "unit")),
    RecordSource(
        "meeting",
        _("Meetings"),
        "meetings.Meeting",
        "meetings:list",
        fields=("place", "chairs", "topics", "conclusions"),
    ),
    SupportSource(
        "support", _("Support"), "support.Support", "support:list", ("partner",), date_field="given_on"
    ),
    AttachmentSource("attachment", _("Files"), "core.Attachment", None, ("content_type",)),
]

BY_KIND = {source.kind: source for source in SOURCES}
