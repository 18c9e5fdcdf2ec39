"""The units' tree (read only: the tree is managed on its pages), partners and contacts."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from rest_framework import mixins

from solidarity.accounts.permissions import units_visible_to
from solidarity.contacts import services as contact_services
from solidarity.contacts.filters import ContactFilter
from solidarity.contacts.models import Contact
from solidarity.partners import services as partner_services
from solidarity.partners.filters import PartnerFilter
from solidarity.partners.models import Partner, PartnerLink
from solidarity.units.models import Unit

from ..serializers import directory as io
from .base import ApiViewSet, RecordViewSet


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The units the user sees, in tree order (``depth`` and ``parent``), with their successions."""

    serializer_class = io.UnitSerializer
    filter_backends = []

    def get_queryset(self):
        rows = units_visible_to(self.request.user).order_by("path")
        if self.action == "retrieve":
            rows = rows.prefetch_related(
                "successions_in__predecessor",
                "successions_in__successor",
                "successions_out__predecessor",
                "successions_out__successor",
            )
        return rows

    def get_serializer_class(self):
        return io.UnitDetailSerializer if self.action == "retrieve" else io.UnitSerializer

    def get_serializer(self, *args, **kwargs):
        rows = args[0] if args else None
        if rows is not None:
            units = rows if isinstance(rows, list) else [rows]
            paths = {unit.parent_path for unit in units if unit.depth > 1}
            parents = dict(Unit.objects.filter(path__in=paths).values_list("path", "pk")) if paths else {}
            kwargs["context"] = self.get_serializer_context() | {"parents": parents}
        return super().get_serializer(*args, **kwargs)


class PartnerViewSet(RecordViewSet):
    """The shared directory of foreign partners: everyone reads it; those who work with a partner edit it."""

    model = Partner
    services = partner_services
    filterset_class = PartnerFilter
    related = ()
    serializer_class = io.PartnerSerializer
    create_serializer_class = io.PartnerCreateSerializer
    update_serializer_class = io.PartnerUpdateSerializer

    def visible(self):
        # The directory is shared: everyone signed in reads it. The units working with each partner are
        # counted as on the list page (partners.views), a correlated count for the page's rows only.
        active_links = (
            PartnerLink.objects.filter(partner=OuterRef("pk"), is_active=True)
            .order_by()
            .values("partner")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Partner.objects.annotate(unit_count=Coalesce(Subquery(active_links), 0))

    def check_edit(self, record):
        partner_services.require_partner_edit(user=self.request.user, record=record)

    def create_record(self, data):
        return partner_services.partner_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return partner_services.partner_update(
            partner=record, by=self.request.user, expected_version=version, **data
        )


class ContactViewSet(RecordViewSet):
    """People at partners and at our units, each owned by the unit that recorded them."""

    model = Contact
    services = contact_services
    filterset_class = ContactFilter
    related = ("owner_unit", "unit")
    serializer_class = io.ContactSerializer
    create_serializer_class = io.ContactCreateSerializer
    update_serializer_class = io.ContactUpdateSerializer

    def check_edit(self, record):
        contact_services.require_contact_edit(user=self.request.user, record=record)

    def create_record(self, data):
        return contact_services.contact_create(by=self.request.user, **data)

    def update_record(self, record, data, *, version):
        return contact_services.contact_update(
            contact=record, by=self.request.user, expected_version=version, **data
        )
