"""What the OpenAPI schema says about our own pieces (drf-spectacular extensions)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "solidarity.api.authentication.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made under the user menu, “API tokens” (/api/tokens/).",
        }


class RecordSchema(AutoSchema):
    """A record's create and change answer with the record as its detail reads, not with their input."""

    def get_response_serializers(self):
        view = self.view
        if getattr(view, "action", None) in ("create", "partial_update"):
            return getattr(view, "detail_serializer_class", None) or view.serializer_class
        return super().get_response_serializers()
