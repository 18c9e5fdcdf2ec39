"""The services' refusals as HTTP answers: 400 with field messages, 403, 404, 409 with the differences."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from solidarity.records.base import EditConflict

NON_FIELD = "non_field_errors"


def validation_messages(error: DjangoValidationError) -> dict[str, list[str]]:
    """{field: [messages]} from a service's ValidationError; those without a field under non_field_errors."""
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD if field == "__all__" else field): [strip_tags(str(m)) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {NON_FIELD: [strip_tags(str(m)) for m in error.messages]}


def shown(value) -> object:
    """A value of an edit conflict as JSON can carry it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "all"):  # a related manager: its rows' names
        return [str(row) for row in value.all()]
    if isinstance(value, list | tuple | set):
        return [shown(item) for item in value]
    return str(value)


def exception_handler(exc, context):
    if isinstance(exc, EditConflict):
        return Response(
            {
                "detail": _(
                    "Someone else saved this record since you read it. Read it again and redo your change."
                ),
                "version": exc.current.version,
                "changes": [
                    {"field": field, "theirs": shown(theirs), "yours": shown(yours)}
                    for field, theirs, yours in exc.changes
                ],
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        return Response(validation_messages(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        # DRF would answer its generic sentence; the rule's own says why.
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
