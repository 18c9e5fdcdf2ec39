"""``full_clean`` without asking the database again about related objects the caller holds.

Django's ``ForeignKey.validate`` runs one query per foreign key to check the
row exists. A service that was handed the owner unit and the user as objects
read from the database (and checked rights on them) knows they exist; the
database's own foreign-key constraint still refuses a row deleted meanwhile.
Bulk writers (the import: two queries a record) are where it shows.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def held_foreign_keys(instance) -> set[str]:
    """Names of the foreign keys whose object ``instance`` holds, read from the database."""
    held = set()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.remote_field.limit_choices_to or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and not related._state.adding
            and related.pk is not None
            and getattr(instance, field.attname) == getattr(related, field.target_field.attname)
        ):
            held.add(field.name)
    return held


def full_clean(instance, *, exclude=(), validate_unique=True, validate_constraints=True) -> None:
    """``instance.full_clean(...)``, with the existence query skipped for held foreign keys.

    Every other check of those fields (uniqueness, constraints) still runs, as in Django's.
    """
    exclude = set(exclude)
    errors = {}
    try:
        instance.clean_fields(exclude=exclude | held_foreign_keys(instance))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    checks = [
        (validate_unique, instance.validate_unique),
        (validate_constraints, instance.validate_constraints),
    ]
    for wanted, check in checks:
        if not wanted:
            continue
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        try:
            check(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
