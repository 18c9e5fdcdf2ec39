"""The record kit: the pages every kind of record has, declared once per kind.

A kind subclasses :class:`RecordViews` and declares its model, FilterSet,
form, services and messages; the kit serves its list (filters, sort,
pagination, the htmx partial), its detail page (files, history, the workflow
panel), create and edit (the service call, its errors on the form, the edit
conflict) and archive and restore. It is NetBox's ``ObjectListView``,
``ObjectView``, ``ObjectEditView`` and ``ObjectDeleteView`` as one small
class per kind: a kind overrides a hook where it has something of its own,
and writes its truly particular pages as plain functions beside it.

Conventions keep a declaration short. Templates: ``<app>/<model>_list.html``,
``<app>/_list_results.html`` (the htmx partial), ``<app>/<model>_detail.html``
and ``<app>/<model>_form.html``. Services, in the kind's ``services`` module:
``<model>_create(by=, **fields)``, ``<model>_update(<model>=, by=,
expected_version=, **fields)``, ``<model>_archive`` and ``<model>_restore``.
The list's rows: ``<model>_list(user=)`` in its ``selectors`` module, else
the model's ``visible_to``. The record is in the context under its model name.
"""

from __future__ import annotations

from types import ModuleType

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import holds_personal_grant, units_for_officer
from solidarity.core.choices import Action
from solidarity.core.exports import requested_format
from solidarity.core.forms import add_service_errors
from solidarity.core.search import text_search
from solidarity.core.views import OPTIONS_LIMIT, _search_term, paginate, render_options

from .attachments import attachments_of
from .base import EditConflict, can_edit, history_for, may_write, require_active, require_edit
from .exports import export_list, sheet_of
from .sections import sections_for
from .sheets import sheet as sheet_named
from .workflow import (
    Part,
    available_actions,
    follows_workflow,
    frozen_reason,
    is_frozen,
    locked_file_ids,
    may_archive,
    require_writable,
    workflow_events,
)

PAGES = ("list", "create", "detail", "edit", "archive")


def visible_record(model: type[models.Model], user, pk: int, *related: str):
    """The record if ``user`` may see it; 404 outside the scope, where a record does not exist."""
    return get_object_or_404(model.objects.visible_to(user).select_related(*related), pk=pk)


def editable_record(model: type[models.Model], user, pk: int, *related: str):
    """A visible record the user may change: 404 outside the scope, 403 without the role."""
    record = visible_record(model, user, pk, *related)
    require_edit(user=user, record=record)
    return record


def service_saved(request, form, message: str, service, **kwargs) -> bool:
    """Call ``service(**kwargs)``, which writes what ``form`` holds; its ValidationError goes onto the form.

    True when it saved (``message`` is shown, the caller redirects); False
    when the form has to be shown again with the errors.
    """
    try:
        service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, message)
    return True


def options_view(model: type[models.Model], *, ordering: tuple[str, ...]):
    """The type-to-search picker's <option>s: ``model``'s visible, active records whose text matches."""

    @login_required
    def options(request):
        records = text_search(model.objects.visible_to(request.user).active(), _search_term(request))
        return render_options(
            request, list(records.order_by(*ordering).values_list("pk", "title")[: OPTIONS_LIMIT + 1])
        )

    return options


class RecordViews:
    """The pages of one kind of record. Subclass, declare, and serve ``Kind.view(page)`` in urls.py.

    One instance serves one request (``self.request``, ``self.user``).
    """

    model: type[models.Model]
    services: ModuleType | None = None
    selectors: ModuleType | None = None
    related: tuple[str, ...] = ("owner_unit",)  # fetched with the record on its pages

    filterset: type | None = None
    sheet = ""  # its spreadsheet's name (records.sheets) for ?format=xlsx|csv; default: the model's
    filter_defaults: dict[str, str] = {}  # e.g. current records only, until the user chooses
    ordering: tuple[str, ...] = ("-pk",)  # unless the user sorts
    partial_template = ""  # default <app>/_list_results.html

    files = True  # attachments on the detail page
    edit_parts: tuple[str, ...] = (Part.PROPOSAL,)  # what the edit form writes, for the freeze rule

    form_class: type | None = None
    create_refusal = ""  # the 403's text for someone who records for no unit
    created_message = ""
    saved_message = gettext_lazy("Changes saved.")
    conflict_status = 409
    archived_message = ""
    restored_message = ""

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.name = self.model._meta.model_name

    @classmethod
    def view(cls, page: str):
        """The view function serving ``page`` (one of ``PAGES``) for urls.py."""
        if page not in PAGES:
            raise ValueError(f"{page!r} is not one of {PAGES}")

        def view(request, *args, **kwargs):
            return getattr(cls(request), page)(*args, **kwargs)

        view.__name__ = view.__qualname__ = f"{cls.__name__}.{page}"
        view.__module__ = cls.__module__
        if page == "archive":
            view = require_POST(view)
        return login_required(view)

    def template(self, page: str) -> str:
        return f"{self.model._meta.app_label}/{self.name}_{page}.html"

    def service(self, action: str):
        return getattr(self.services, f"{self.name}_{action}")

    def get_object(self, pk: int):
        return visible_record(self.model, self.user, pk, *self.related)

    # -- list ---------------------------------------------------------------------------------

    def get_queryset(self):
        if self.selectors is not None:
            return getattr(self.selectors, f"{self.name}_list")(user=self.user)
        return self.model.objects.visible_to(self.user).select_related(*self.related)

    def list(self):
        data = self.request.GET.copy()
        for key, value in self.filter_defaults.items():
            data.setdefault(key, value)
        filterset = self.filterset(data, queryset=self.get_queryset(), request=self.request, user=self.user)
        exported = self.export(filterset)
        if exported is not None:
            return exported
        rows = self.rows(filterset)
        context = {
            "filter": filterset,
            "page_obj": paginate(self.request, rows),
            "can_create": units_for_officer(self.user).exists(),
            "personal_export": self.personal_export(),
        }
        partial = self.partial_template or f"{self.model._meta.app_label}/_list_results.html"
        template = partial if self.request.htmx else self.template("list")
        return render(self.request, template, context | self.list_context(filterset))

    def personal_export(self) -> bool:
        """Offer "with personal data" by the export links: a sheet with such columns, a grant holder."""
        try:
            declared = sheet_named(self.sheet) if self.sheet else sheet_of(self.model)
        except (KeyError, LookupError):
            return False
        if not any(each.has_personal for each in (declared, *declared.children)):
            return False
        return holds_personal_grant(self.user)

    def list_context(self, filterset) -> dict:
        """What the kind's list shows besides its rows (totals, the chosen parent...)."""
        return {}

    def rows(self, filterset):
        """The list's rows in its order: the user's sort, else the kind's."""
        if self.request.GET.get("ordering"):
            return filterset.qs
        return filterset.qs.order_by(*self.ordering)

    def export(self, filterset):
        """The rows the page shows as a file when the URL asks ``?format=xlsx|csv``; None shows the page."""
        if requested_format(self.request) is None:
            return None
        return export_list(
            self.request,
            sheet=self.sheet or sheet_of(self.model).name,
            queryset=self.rows(filterset),
            file_format=requested_format(self.request),
        )

    # -- detail -------------------------------------------------------------------------------

    def detail(self, pk: int):
        return self.render_detail(self.get_object(pk))

    def render_detail(self, record, *, status: int = 200, **extra):
        """The record's page; ``extra`` (a bound form with errors, a refusal) goes to ``detail_context``."""
        context = self.panel(record)
        context |= self.detail_context(record, context, **extra)
        return render(self.request, self.template("detail"), context, status=status)

    def panel(self, record) -> dict:
        """What every record's page has: the user's rights on it, its files, history and workflow."""
        user = self.user
        context = {
            self.name: record,
            "can_manage": can_edit(user, record),  # archive, restore
            "can_edit": any(may_write(user=user, record=record, part=part) for part in self.edit_parts),
            "can_attach": may_write(user=user, record=record, part=Part.OUTCOME),
            "history": history_for(record=record, user=self.user),
            "record_sections": sections_for(record=record, user=user),
        }
        if self.files:
            attachments = list(attachments_of(record))
            locked = locked_file_ids(record, attachments) if context["can_attach"] else set()
            for attachment in attachments:
                attachment.locked = attachment.pk in locked  # no Remove button: see the freeze rule
            context["attachments"] = attachments
        approvable = follows_workflow(record)
        actions = available_actions(user=user, record=record) if approvable else []
        return context | {
            "actions": actions,
            "events": workflow_events(record) if approvable else [],
            "frozen_reason": "" if record.is_archived else frozen_reason(record),
            "can_archive": record.is_archived or may_archive(record),
            "missing": self.services.missing_for_submission(record) if Action.SUBMIT in actions else [],
        }

    def detail_context(self, record, context: dict, **extra) -> dict:
        """The kind's own parts of the page (its lines, forms to add them); ``context`` is the panel."""
        return extra

    # -- create and edit ----------------------------------------------------------------------

    def create(self):
        if not units_for_officer(self.user).exists():
            raise PermissionDenied(self.create_refusal)
        return self.form_page(None)

    def edit(self, pk: int):
        record = self.get_object(pk)
        return self.refuse_edit(record) or self.form_page(record)

    def parents(self, record) -> tuple:
        """Records whose archive makes this one read-only too."""
        return ()

    def require_edit(self, record) -> None:
        """403 unless the user may change ``record``: the permission layer's answer."""
        require_edit(user=self.user, record=record)

    def refuse_edit(self, record, *, part: str | None = None):
        """403 without the role; back to the record, saying why, when it is archived or frozen; else None."""
        self.require_edit(record)
        parts = (part,) if part else self.edit_parts
        try:
            for each in (record, *self.parents(record)):
                if each is not None:
                    require_active(each)
            if all(is_frozen(record, part=p) for p in parts):
                require_writable(record, part=parts[-1])
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(record)
        return None

    def get_forms(self, data, record) -> dict:
        """The page's forms by context name; the first holds the record's fields and the service's errors."""
        return {"form": self.form_class(data, instance=record, user=self.user)}

    def form_page(self, record):
        request = self.request
        forms = self.get_forms(request.POST or None, record)
        conflict = None
        if request.method == "POST" and all(form.is_valid() for form in forms.values()):
            try:
                saved = self.save(forms, record)
            except EditConflict as error:
                conflict = error
                forms = self.get_forms(self.on_top_of(request.POST, error.current), error.current)
                for form in forms.values():
                    form.is_valid()
            except ValidationError as error:
                self.service_errors(forms, error)
            else:
                messages.success(request, self.success_message(saved, created=record is None))
                return redirect(saved)
        if record is None:
            context = {**forms, "creating": True}
        else:
            context = {
                **forms,
                self.name: record,
                "conflict": conflict,
                "frozen_reason": frozen_reason(record),
            }
        context |= self.form_context(record)
        return render(
            request, self.template("form"), context, status=self.conflict_status if conflict else 200
        )

    def service_errors(self, forms: dict, error: ValidationError) -> None:
        """The service's refusal, next to the field it names (else above the form)."""
        add_service_errors(next(iter(forms.values())), error)

    def form_context(self, record) -> dict:
        return {}

    def save(self, forms: dict, record):
        """Hand the form's fields to the kind's service; EditConflict and ValidationError come back up."""
        form = next(iter(forms.values()))
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        if record is None:
            return self.create_record(fields, forms)
        version = form.cleaned_data.get("version") or 0
        # As stored: a model form's cleaning has written the input onto ``record``.
        current = type(record)._default_manager.get(pk=record.pk)
        return self.update_record(current, fields, version=version, forms=forms)

    def create_record(self, fields: dict, forms: dict):
        return self.service("create")(by=self.user, **fields)

    def update_record(self, record, fields: dict, *, version: int, forms: dict):
        return self.service("update")(**{self.name: record}, by=self.user, expected_version=version, **fields)

    def on_top_of(self, data, current):
        """The user's input again, on the version now stored, to check and save again."""
        data = data.copy()
        data["version"] = str(current.version)
        return data

    def success_message(self, record, *, created: bool) -> str:
        return str(self.created_message if created else self.saved_message)

    # -- archive and restore ------------------------------------------------------------------

    def archive(self, pk: int):
        """The normal user's delete (POST): archived, or restored with ``restore=1``."""
        record = self.get_object(pk)
        restore = self.request.POST.get("restore") == "1"
        try:
            self.service("restore" if restore else "archive")(**{self.name: record}, by=self.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, str(self.restored_message if restore else self.archived_message))
        return redirect(record)
