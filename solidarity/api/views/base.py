"""The API's record resource, declared once: list and read through the rule, write through the services.

A kind subclasses :class:`RecordViewSet` and declares its model, FilterSet,
serializers and its services' calls (``create_record``, ``update_record``);
what the kind has of its own (lines, workflow actions) is an ``@action`` beside it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from solidarity.records.attachments import attachment_add, attachments_of
from solidarity.records.base import require_edit

from ..schema import RecordSchema
from ..serializers.attachments import AttachmentSerializer, AttachmentUploadSerializer
from ..serializers.personal import log_personal_shown


class RequestLanguageMixin:
    """Vietnamese by default; an API client's ``Accept-Language`` (en, vi) is honoured.

    The pages keep Vietnamese whatever the browser says (core.middleware); a
    script has no language menu, so its header chooses, unless the language
    cookie of the pages already did.
    """

    def initial(self, request, *args, **kwargs):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            supported = dict(settings.LANGUAGES)
            for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
                code = code.split("-")[0].lower()
                if code in supported:
                    translation.activate(code)
                    request.LANGUAGE_CODE = code
                    break
        super().initial(request, *args, **kwargs)


class ApiViewSet(RequestLanguageMixin, viewsets.GenericViewSet):
    def get_serializer_context(self):
        # Kept, so that the people whose personal data the answer showed are logged once it is made.
        context = super().get_serializer_context()
        self._contexts = [*getattr(self, "_contexts", []), context]
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        for context in getattr(self, "_contexts", []):
            if context.get("personal_shown") and response.status_code < 400:
                log_personal_shown(user=request.user, context=context)
        self._contexts = []
        return super().finalize_response(request, response, *args, **kwargs)


class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Read, create, change (PATCH with ``version``) and archive one kind of record."""

    model = None
    related: tuple[str, ...] = ("owner_unit",)
    prefetch: tuple[str, ...] = ()
    detail_prefetch: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("-pk",)
    serializer_class = None  # the list's rows
    detail_serializer_class = None
    create_serializer_class = None
    update_serializer_class = None
    services = None  # the kind's services module
    selectors = None  # the kind's selectors module, when it has a ``<kind>_list(user=)``
    schema = RecordSchema()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def visible(self):
        """The records the user may see, as the kind's list page reads them (its selector's annotations
        are what the FilterSet sorts by), else straight through the rule."""
        selectors = getattr(self, "selectors", None)
        if selectors is not None:
            return getattr(selectors, f"{self.model._meta.model_name}_list")(user=self.request.user)
        return self.model.objects.visible_to(self.request.user)

    def get_queryset(self):
        rows = self.visible().select_related(*self.related).prefetch_related(*self.prefetch)
        if self.action != "list":
            rows = rows.prefetch_related(*self.detail_prefetch)
        return rows

    def get_serializer_class(self):
        if self.action == "create":
            return self.create_serializer_class
        if self.action == "partial_update":
            return self.update_serializer_class
        if self.action == "list" or self.detail_serializer_class is None:
            return self.serializer_class
        return self.detail_serializer_class

    def output(self, record, *, status_code=status.HTTP_200_OK) -> Response:
        """The record as its detail reads, fetched again (the service may have changed more)."""
        record = self.get_queryset().get(pk=record.pk)
        serializer = (self.detail_serializer_class or self.serializer_class)(
            record, context=self.get_serializer_context()
        )
        return Response(serializer.data, status=status_code)

    def check_edit(self, record) -> None:
        """403 before reading the input when the user may not change ``record`` at all."""
        require_edit(user=self.request.user, record=record)

    # -- the kind's services -----------------------------------------------------------------

    def create_record(self, data: dict):
        raise NotImplementedError

    def update_record(self, record, data: dict, *, version: int):
        raise NotImplementedError

    def current_values(self, record, names) -> dict:
        """The stored values of ``names``: a PATCH changes what it sends, the service sees the whole."""
        values = {}
        for name in names:
            field = self.model._meta.get_field(name)
            values[name] = list(getattr(record, name).all()) if field.many_to_many else getattr(record, name)
        return values

    # -- endpoints ---------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = self.create_record(dict(serializer.validated_data))
        return self.output(record, status_code=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        self.check_edit(record)
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": [_("Send the version you read (the record's “version”).")]})
        version = data.pop("version")
        fields = [
            name for name in serializer.fields if name != "version" and name in self.model_field_names()
        ]
        merged = self.current_values(record, fields) | data
        saved = self.update_record(record, merged, version=version)
        return self.output(saved)

    def model_field_names(self) -> set[str]:
        return {field.name for field in self.model._meta.get_fields()}


class ArchiveActions:
    """``archive`` and ``restore``, through the kind's ``<kind>_archive`` / ``<kind>_restore`` services."""

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive the record (the normal user's delete: kept, restorable)."""
        record = self.get_object()
        getattr(self.services, f"{self.model._meta.model_name}_archive")(
            **{self.model._meta.model_name: record}, by=request.user
        )
        return self.output(record)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Bring an archived record back."""
        record = self.get_object()
        getattr(self.services, f"{self.model._meta.model_name}_restore")(
            **{self.model._meta.model_name: record}, by=request.user
        )
        return self.output(record)


class FileActions:
    """The record's files: their facts, and attaching one (the records' attachment service)."""

    @extend_schema(methods=["get"], request=None, responses=AttachmentSerializer(many=True))
    @extend_schema(
        methods=["post"], request=AttachmentUploadSerializer, responses={201: AttachmentSerializer}
    )
    @action(
        detail=True, methods=["get", "post"], serializer_class=AttachmentSerializer, pagination_class=None
    )
    def attachments(self, request, pk=None):
        """The record's files (their facts); POST a file (multipart) to attach one."""
        record = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            rows = attachments_of(record).select_related("content_type")
            return Response(AttachmentSerializer(rows, many=True, context=context).data)
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        attachment = attachment_add(
            record=record,
            upload=upload.validated_data["file"],
            by=request.user,
            description=upload.validated_data["description"],
        )
        return Response(
            AttachmentSerializer(attachment, context=context).data, status=status.HTTP_201_CREATED
        )
