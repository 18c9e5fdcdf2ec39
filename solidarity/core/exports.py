"""``?format=xlsx`` or ``?format=csv`` on a list URL: the hook every list page calls, whatever its floor.

The exporter (``records/exports.py``) needs the sheets kit and the jobs, which
sit above the units and users pages; so it installs itself here from
``records``' ``ready()``, as the apps above register their timeline sources.
A list page calls ``list_export(request, sheet=..., queryset=...)`` with the
rows it shows (same FilterSet, same scope, same order) and returns its answer
when it is not None.
"""

from __future__ import annotations

from collections.abc import Callable

FORMATS = ("xlsx", "csv")

_exporter: Callable | None = None


def install(exporter: Callable) -> None:
    global _exporter
    _exporter = exporter


def requested_format(request) -> str | None:
    value = request.GET.get("format")
    return value if value in FORMATS else None


def list_export(request, *, sheet: str, queryset):
    """The file of ``queryset`` as ``sheet`` when the URL asks for one (or its job's page); else None."""
    file_format = requested_format(request)
    if file_format is None or _exporter is None:
        return None
    return _exporter(request, sheet=sheet, queryset=queryset, file_format=file_format)
