"""The personal-data rule on the writes and pages of a person's record, the same for every kind.

A kind's services call :func:`guard_personal` before they save (a writer
without the grant never blanks nor overwrites a personal value, and is
refused when they try to set one) and :func:`log_change` after; its detail
pages call :func:`revealed` to know what to show and :func:`log_views` to say
it was seen. The kinds' declarations (``registry``) say which fields are
personal; a kind may keep a personal field on view (a partner's contact's
name is their work identity) by leaving it out of ``hidden``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import may_see_personal

from .access import log_access
from .choices import AccessAction
from .fields import mask
from .models import AccessLog
from .registry import PersonKind

SENSITIVE_SHOWN = "sensitive fields shown"  # the access log's detail when masked values are revealed


def _empty(value) -> bool:
    return value is None or value == ""


def guard_personal(*, by, unit, fields: dict, names: tuple[str, ...], model, stored=None) -> dict:
    """``fields`` as a writer may save them: a writer without the grant on ``unit`` keeps what is stored.

    Their empty personal values are dropped (they were never shown the stored
    ones: a form without the inputs, an export without the columns), and so are
    values equal to ``stored``'s (an API PATCH completes its input with them); a
    value they give is refused, with the fields' names, so nothing is half-written.
    """
    if may_see_personal(by, unit):
        return fields

    def kept(name) -> bool:
        value = fields[name]
        return _empty(value) or (stored is not None and getattr(stored, name) == value)

    given = [name for name in names if name in fields and not kept(name)]
    if given:
        labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in given)
        raise ValidationError(
            _(
                "Only a user holding the personal-data permission of this unit may write "
                "these fields: %(fields)s."
            )
            % {"fields": labels}
        )
    return {name: value for name, value in fields.items() if name not in names}


def changed_names(record, fields: dict) -> list[str]:
    """The fields of ``fields`` whose value differs from ``record``'s (names only, for the log)."""
    changed = []
    for name, value in fields.items():
        try:
            stored = getattr(record, name)
        except AttributeError:
            continue
        if hasattr(stored, "all") and hasattr(stored, "model"):  # a many-to-many manager
            continue
        if _empty(stored) and _empty(value):
            continue
        if stored != value:
            changed.append(name)
    return changed


def log_change(*, by, person, names: list[str]) -> None:
    """One CHANGE row naming the changed fields (never their values); nothing when none changed."""
    if names and by is not None and by.is_authenticated:
        log_access(user=by, person=person, action=AccessAction.CHANGE, detail=", ".join(sorted(names)))


def log_created(*, by, person) -> None:
    if by is not None and by.is_authenticated:
        log_access(user=by, person=person, action=AccessAction.CREATE)


def log_views(*, user, kind: PersonKind, people: list, unit, detail: str = "") -> None:
    """One VIEW row per person shown, written together (one query whatever their number)."""
    if not people:
        return
    content_type = ContentType.objects.get_for_model(kind.model, for_concrete_model=False)
    AccessLog.objects.bulk_create(
        AccessLog(
            user=user,
            unit=unit,
            content_type=content_type,
            object_id=person.pk,
            action=AccessAction.VIEW,
            detail=detail[:500],
        )
        for person in people
    )


def revealed(*, user, unit, shown: bool, record, hidden: tuple[str, ...], sensitive: tuple[str, ...]):
    """What a detail page shows of ``record``'s personal fields: a list of (field, label, value, masked).

    Without the grant: nothing (None). With it: the personal values, the sensitive ones
    masked unless ``shown`` (the page's "Show" control, which the caller logs).
    """
    if not may_see_personal(user, unit):
        return None
    rows = []
    for name in hidden:
        value = getattr(record, name)
        if _empty(value):
            continue
        is_masked = name in sensitive and not shown
        text = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)
        if is_masked:
            text = mask(text[-12:])  # a long note masked to a short row, not a line of dots
        rows.append(
            {
                "name": name,
                "label": record._meta.get_field(name).verbose_name,
                "value": text,
                "masked": is_masked,
                "sensitive": name in sensitive,
            }
        )
    return rows


# -- forms --------------------------------------------------------------------------------------


def personal_inputs(form, *, allowed: bool, names: tuple[str, ...]) -> bool:
    """Keep ``form``'s personal inputs for a grant holder; without the grant take them out.

    A submission that still carries them (an old page, a hand-made request) is refused in
    ``refuse_personal_inputs`` (call it from the form's ``clean``): never silently saved, never
    silently dropped. Returns ``allowed``.
    """
    form.personal_refused = []
    if allowed:
        return True
    for name in names:
        form.fields.pop(name, None)
    if form.is_bound:
        form.personal_refused = [
            name for name in names if (form.data.get(form.add_prefix(name)) or "").strip()
        ]
    return False


def refuse_personal_inputs(form) -> None:
    if getattr(form, "personal_refused", None):
        form.add_error(
            None,
            _(
                "You do not hold the personal-data permission of this unit: personal data "
                "(phone, documents, health…) cannot be entered here."
            ),
        )
