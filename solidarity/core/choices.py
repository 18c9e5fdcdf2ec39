from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    UNION_BUDGET = "union_budget", _("Union budget")
    PARTNER = "partner", _("Partner")
    SPONSOR = "sponsor", _("Sponsor")
    OTHER = "other", _("Other")


# The approval workflow's states and actions; the rules that move between
# them live in solidarity/records/workflow.py.
class ApprovalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    CARRIED_OUT = "carried_out", _("Carried out")
    REPORTED = "reported", _("Report filed")
    CLOSED = "closed", _("Closed")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for approval")
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for changes")
    REJECT = "reject", _("Reject")
    CARRY_OUT = "carry_out", _("Mark as carried out")
    FILE_REPORT = "file_report", _("File the report")
    CLOSE = "close", pgettext_lazy("workflow action", "Close")
    WITHDRAW = "withdraw", _("Withdraw")


# One mapping per model field and language, built once. Django's own
# ``get_FOO_display`` rebuilds ``dict(make_hashable(field.flatchoices))`` on
# every call, translating every lazy label of the field each time: on a list
# of 25 rows with two or three labels each that is a tenth of the page's CPU.
# Model fields' choices here are static (TextChoices), and a lazy label's
# text depends only on the active language, so the mapping can be kept.
_labels: dict[tuple, dict] = {}


def choice_label(field, value):
    """What ``Model._get_FIELD_display`` returns, from a cached mapping."""
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = {make_hashable(k): force_str(v, strings_only=True) for k, v in field.flatchoices}
        _labels[key] = labels
    hashable = make_hashable(value)
    if hashable in labels:
        return labels[hashable]
    return force_str(value, strings_only=True)


# django-countries translates a country's name again on every ``Country.name``
# (with a fallback check per name): kept here per language and code.
_country_names: dict[tuple, str] = {}


def country_name(country) -> str:
    """``country.name`` of a django-countries ``Country``, cached per language."""
    if country.custom_countries is not None:
        return country.name
    key = (get_language(), country.code)
    name = _country_names.get(key)
    if name is None:
        name = _country_names[key] = country.name
    return name
