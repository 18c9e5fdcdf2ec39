"""Forms of the administrator operations on the tree. Writes go through services."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.selectors import units_administered_by
from solidarity.core.forms import DateField, DateInput, parse_id

from .models import Unit

MAX_SPLIT_UNITS = 10


def date_input() -> forms.DateInput:
    return DateInput()


def units_administered(user):
    """Units in force that ``user`` administers: what an operation may point at."""
    return units_administered_by(user)


class UnitPicker(forms.Widget):
    """Find a unit by typing (htmx); never lists the whole tree, which may hold 150,000 units.

    The chosen units are rendered as checked radios or checkboxes, so a form
    shown again after an error keeps them. The field's queryset still decides
    what may be chosen.
    """

    template_name = "units/widgets/unit_picker.html"

    def __init__(
        self,
        *,
        multiple: bool = False,
        exclude_subtree_of: Unit | None = None,
        above_level: int | None = None,
        attrs=None,
    ):
        super().__init__(attrs)
        self.multiple = multiple
        self.exclude_subtree_of = exclude_subtree_of
        self.above_level = above_level
        self.choices = None  # set by ModelChoiceField

    @property
    def allow_multiple_selected(self) -> bool:
        return self.multiple

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v.pk if isinstance(v, Unit) else v) for v in values if v not in (None, "")]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pks = [pk for pk in map(parse_id, context["widget"]["value"]) if pk is not None]
        queryset = self.choices.queryset if self.choices is not None else Unit.objects.none()
        query = {"name": name, "multiple": int(self.multiple)}
        if self.exclude_subtree_of is not None:
            query["exclude"] = self.exclude_subtree_of.pk
        if self.above_level is not None:
            query["above"] = self.above_level
        context["widget"].update(
            {
                "selected": list(queryset.filter(pk__in=pks).order_by("name")) if pks else [],
                "multiple": self.multiple,
                # An optional single choice needs a way back to "none": a radio cannot be unticked.
                "clearable": not self.multiple and not self.is_required,
                "pick_url": f"{reverse('units:pick')}?{urlencode(query)}",
            }
        )
        return context


def _picker_field(queryset, *, multiple=False, exclude_subtree_of=None, above_level=None, **kwargs):
    widget = UnitPicker(multiple=multiple, exclude_subtree_of=exclude_subtree_of, above_level=above_level)
    field_class = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    return field_class(queryset=queryset, widget=widget, **kwargs)


class UnitCreateForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "code", "doc_symbol", "level", "kind", "valid_from"]
        widgets = {"valid_from": date_input()}


class UnitEditForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "short_name", "code", "doc_symbol", "level", "kind"]


class UnitMoveForm(forms.Form):
    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"] = _picker_field(
            units_administered(user).filter(level__lt=unit.level),
            exclude_subtree_of=unit,
            above_level=unit.level,
            label=_("New parent unit"),
            help_text=_(
                "Type part of a name or code. Only units you administer, of a higher level than this one, "
                "are offered."
            ),
        )


class UnitMergeForm(forms.Form):
    INTO_EXISTING = "existing"
    INTO_NEW = "new"

    target = forms.ChoiceField(
        label=_("Merge into"),
        choices=[(INTO_EXISTING, _("an existing unit")), (INTO_NEW, _("a new unit"))],
        initial=INTO_EXISTING,
    )
    new_name = forms.CharField(
        label=_("Name of the new unit"),
        max_length=255,
        required=False,
        help_text=_("Only when merging into a new unit; it takes the level and kind of the first unit."),
    )
    new_short_name = forms.CharField(label=_("Short name of the new unit"), max_length=100, required=False)
    new_code = forms.CharField(label=_("Code of the new unit"), max_length=50, required=False)
    on = DateField(label=_("Effective date"), widget=date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["units", "target", "into", "new_name", "new_short_name", "new_code", "on", "note"]

    def __init__(self, *args, user, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"] = _picker_field(
            units_administered(user),
            multiple=True,
            label=_("Units to merge"),
            help_text=_("They end on the effective date; their units below move to the result."),
        )
        self.fields["into"] = _picker_field(
            units_administered(user), required=False, label=_("Existing unit that carries on")
        )
        self.fields["on"].initial = timezone.localdate()
        self.initial.setdefault("units", [unit.pk])
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == self.INTO_NEW:
            if not (cleaned.get("new_name") or "").strip():
                self.add_error("new_name", _("Give the new unit a name."))
            code = (cleaned.get("new_code") or "").strip()
            if not code:
                self.add_error("new_code", _("Give the new unit a code."))
            elif Unit.objects.filter(code=code).exists():
                self.add_error("new_code", _("Another unit already uses the code %(code)s.") % {"code": code})
        elif cleaned.get("target") == self.INTO_EXISTING and not cleaned.get("into"):
            self.add_error("into", _("Choose the unit that carries on."))
        return cleaned


def parse_unit_lines(text: str) -> list[dict]:
    """ "code | name | short name" per line; the short name is optional."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) < 2 or not parts[0] or not parts[1] or len(parts) > 3:
            raise forms.ValidationError(
                _("Line %(number)s: write “code | name” or “code | name | short name”."),
                params={"number": number},
            )
        rows.append({"code": parts[0], "name": parts[1], "short_name": parts[2] if len(parts) == 3 else ""})
    return rows


class UnitSplitForm(forms.Form):
    new_units = forms.CharField(
        label=_("New units"),
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "NA-KS-1 | Công đoàn xã Mường Xén\n…"}),
        help_text=_("One unit per line: code | name | short name (optional). At least two units."),
    )
    children_to = forms.TypedChoiceField(
        label=_("Its units below go to"), coerce=int, empty_value=None, required=False
    )
    on = DateField(label=_("Effective date"), widget=date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        ordinal = _("the unit on line %(number)s")
        self.fields["children_to"].choices = [
            (str(i), ordinal % {"number": i + 1}) for i in range(MAX_SPLIT_UNITS)
        ] + [("", _("stay under the ended unit"))]
        self.fields["children_to"].initial = "0"
        if not unit.numchild:
            del self.fields["children_to"]

    def clean_new_units(self):
        rows = parse_unit_lines(self.cleaned_data["new_units"])
        if len(rows) < 2:
            raise forms.ValidationError(_("A split needs at least two new units."))
        if len(rows) > MAX_SPLIT_UNITS:
            raise forms.ValidationError(
                _("At most %(max)s new units at a time."), params={"max": MAX_SPLIT_UNITS}
            )
        codes = [row["code"] for row in rows]
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(_("Two lines use the same code."))
        taken = list(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
        if taken:
            raise forms.ValidationError(
                _("Another unit already uses the code %(code)s."), params={"code": ", ".join(taken)}
            )
        return rows

    def clean(self):
        cleaned = super().clean()
        index, rows = cleaned.get("children_to"), cleaned.get("new_units")
        if index is not None and rows and index >= len(rows):
            self.add_error("children_to", _("There is no unit on that line."))
        return cleaned


class UnitDissolveForm(forms.Form):
    on = DateField(
        label=_("End date"), help_text=_("The first day the unit no longer exists."), widget=date_input()
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["on", "successors", "children_to", "note"]

    def __init__(self, *args, user, unit: Unit, parent: Unit | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["successors"] = _picker_field(
            units_administered(user).exclude(pk=unit.pk),
            multiple=True,
            required=False,
            exclude_subtree_of=unit,
            label=_("Successors"),
            help_text=_("Units that carry its work on; they will see its records. Leave empty if none."),
        )
        if unit.numchild:
            self.fields["children_to"] = _picker_field(
                units_administered(user),
                required=False,
                exclude_subtree_of=unit,
                label=_("Its units below go to"),
                help_text=(
                    _("Leave empty to move them to the parent unit, %(parent)s.") % {"parent": parent}
                    if parent
                    else None
                ),
            )
        self.order_fields(self.field_order)
