"""Support given and received: the kind declared on the record kit, with its item lines,
and the support form's delegation picker."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.core.templatetags.core_tags import vnd
from solidarity.delegations.models import Delegation
from solidarity.records.kit import RecordViews, options_view

from . import selectors, services
from .filters import SupportFilter
from .forms import SupportForm, SupportItemFormSet, item_initial
from .models import Support
from .services import ITEM_FIELDS


class SupportViews(RecordViews):
    model = Support
    services, selectors = services, selectors
    related = ("owner_unit", "partner", "delegation", "meeting", "plan_item__plan")
    filterset = SupportFilter
    ordering = ("-given_on", "-pk")
    create_refusal = gettext_lazy("You do not record support for any unit.")
    archived_message = gettext_lazy("Support record archived. It can be restored from the archive.")
    restored_message = gettext_lazy("Support record restored.")

    def list_context(self, filterset):
        # Summed only if the page shows them: below the list's count cap (see
        # _list_results.html), so a sum never reads more rows than the count.
        return {"totals": SimpleLazyObject(lambda: selectors.support_totals(filterset.qs))}

    def detail_context(self, support, context, **extra):
        return {"items": support.items.all()}

    def get_forms(self, data, support):
        # Posted lines name their items themselves; the stored items only fill an unposted form.
        initial = item_initial(support.items.all()) if support and data is None else None
        formset = SupportItemFormSet(data, initial=initial, prefix="items")
        return {"form": SupportForm(data, instance=support, user=self.user), "formset": formset}

    def on_top_of(self, data, current):
        """Lines whose item is gone since become new lines."""
        data = super().on_top_of(data, current)
        ids = {str(pk) for pk in current.items.values_list("pk", flat=True)}
        for key in [key for key in data if key.startswith("items-") and key.endswith("-id")]:
            if data[key] not in ids:
                data[key] = ""
        return data

    def create_record(self, fields, forms):
        return services.support_create(by=self.user, items=_items(forms), **fields)

    def update_record(self, support, fields, *, version, forms):
        return services.support_update(
            support=support, by=self.user, expected_version=version, fields=fields, items=_items(forms)
        )

    def success_message(self, support, *, created):
        if created:
            return _("Support recorded: %(total)s.") % {"total": vnd(support.total_vnd)}
        return _("Changes saved. Total: %(total)s.") % {"total": vnd(support.total_vnd)}


def _items(forms) -> list[dict]:
    return [
        {name: form.cleaned_data.get(name) for name in ("id", *ITEM_FIELDS)}
        for form in forms["formset"].forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


# <option>s of the delegations the user can see, for the support form's delegation picker.
delegation_options = options_view(Delegation, ordering=("-start_on", "title"))
