"""The access log as administrators read it: newest first, by cursor, never counted whole.

A unit's administrators (and superusers) read the lines of their units and
the units below them. The page goes back in time by a cursor on
``(at, id)``, so the thousandth page costs what the first does; the database
walks ``privacy_log_unit_at_idx`` (a scope or a unit) or ``privacy_log_at_idx``
(everything) in order and stops after a page. The person of a line is shown
by a link to their page (one query per kind for the page's lines), never by a
personal value: the log holds none.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.models import User
from solidarity.accounts.permissions import Role, scope_paths, subtree_q, unit_scope_q
from solidarity.core.widgets import RemoteSelect
from solidarity.units.models import Unit

from .choices import AccessAction
from .models import AccessLog
from .registry import kinds

PAGE = 50


def may_read_log(user) -> bool:
    paths = scope_paths(user, Role.ADMIN)
    return paths is None or bool(paths)


def kind_choices() -> list[tuple[str, str]]:
    choices = []
    for kind in kinds():
        content_type = ContentType.objects.get_for_model(kind.model, for_concrete_model=False)
        choices.append((str(content_type.pk), str(kind.label)))
    return choices


class LogFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit (and below)"),
        queryset=Unit.objects.none(),
        required=False,
        widget=RemoteSelect("unit_options", query="scope=admin"),
    )
    kind = forms.ChoiceField(label=_("Kind of person"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", "---------"), *AccessAction.choices]
    )
    who = forms.CharField(label=_("User (username)"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    content_type = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    object_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(unit_scope_q(user, Role.ADMIN, field=""))
        self.fields["kind"].choices = [("", "---------"), *kind_choices()]


def log_queryset(user, data: dict):
    """The lines ``user`` may read, filtered by the cleaned ``data`` of :class:`LogFilterForm`."""
    rows = AccessLog.objects.filter(unit_scope_q(user, Role.ADMIN, field="unit"))
    if data.get("unit"):
        rows = rows.filter(subtree_q(data["unit"], "unit"))
    if data.get("kind"):
        rows = rows.filter(content_type_id=int(data["kind"]))
    if data.get("action"):
        rows = rows.filter(action=data["action"])
    if data.get("who"):
        who = data["who"].strip()
        rows = rows.filter(user__in=User.objects.filter(username__iexact=who).values("pk"))
    tz = timezone.get_current_timezone()
    if data.get("date_from"):
        start = datetime.datetime.combine(data["date_from"], datetime.time.min, tzinfo=tz)
        rows = rows.filter(at__gte=start)
    if data.get("date_to"):
        end = datetime.datetime.combine(
            data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        rows = rows.filter(at__lt=end)
    if data.get("content_type"):
        rows = rows.filter(content_type_id=data["content_type"])
        if data.get("object_id") is not None:
            rows = rows.filter(object_id=data["object_id"])
    return rows.order_by("-at", "-id")


def encode_cursor(row: AccessLog) -> str:
    return f"{row.at.isoformat()}~{row.pk}"


def decode_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    if not value or "~" not in value:
        return None
    at_text, _sep, pk_text = value.rpartition("~")
    at = parse_datetime(at_text.replace(" ", "+"))
    if at is None or not pk_text.isdigit():
        return None
    return at, int(pk_text)


@dataclass
class LogPage:
    rows: list
    next_cursor: str | None


def log_page(queryset, cursor: str | None, *, size: int = PAGE) -> LogPage:
    """One page of lines older than ``cursor``, read as ``size`` + 1 rows (no count)."""
    position = decode_cursor(cursor)
    if position is not None:
        at, pk = position
        queryset = queryset.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
    rows = list(queryset.select_related("user", "unit")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    attach_people(rows)
    return LogPage(rows, encode_cursor(rows[-1]) if more and rows else None)


def attach_people(rows: list[AccessLog]) -> None:
    """``row.person_url`` (None once the person is deleted, or for an export): one query per kind."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        row.kind_label = ""
        row.person_url = None
        if row.object_id:
            wanted[row.content_type_id].add(row.object_id)
    labels = {}
    for kind in kinds():
        labels[ContentType.objects.get_for_model(kind.model, for_concrete_model=False).pk] = kind.label
    urls: dict[tuple[int, int], str | None] = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        for pk in model._base_manager.filter(pk__in=ids).values_list("pk", flat=True):
            urls[(content_type_id, pk)] = _url_of(model, pk)
    for row in rows:
        row.detail_text = detail_text(
            row.detail, ContentType.objects.get_for_id(row.content_type_id).model_class()
        )
        row.kind_label = (
            labels.get(row.content_type_id) or ContentType.objects.get_for_id(row.content_type_id).name
        )
        row.person_exists = (row.content_type_id, row.object_id) in urls
        row.person_url = urls.get((row.content_type_id, row.object_id)) or None


def _url_of(model, pk: int) -> str:
    """The person's page, from the key alone (an unsaved stand-in: no query, whatever the URL needs)."""
    if not hasattr(model, "get_absolute_url"):
        return ""
    try:
        return model(pk=pk).get_absolute_url() or ""
    except Exception:  # noqa: BLE001  a URL that needs more than the key: no link rather than a query
        return ""


# What the pages write in a line's detail, in English (the log keeps no language), said in the
# reader's language here.
DETAILS = {
    "personal data shown": gettext_lazy("personal data shown"),
    "personal data not shown": gettext_lazy("personal data not shown"),
    "sensitive fields shown": gettext_lazy("sensitive fields shown"),
    "document added": gettext_lazy("identity document added"),
    "document removed": gettext_lazy("identity document removed"),
    "document opened": gettext_lazy("identity document opened"),
}


def detail_text(detail: str, model) -> str:
    """A line's detail for its reader: a known phrase translated, changed fields by their labels."""
    if detail in DETAILS:
        return str(DETAILS[detail])
    names = [name.strip() for name in detail.split(",")]
    if model is None or not detail or not all(re.fullmatch(r"[a-z_]+", name) for name in names):
        return detail
    return ", ".join(_field_label(model, name) for name in names)


def _field_label(model, name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)  # child rows: "follow-ups"
