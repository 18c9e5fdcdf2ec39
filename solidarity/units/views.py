"""The units UI: the tree, a unit's page, and the administrator operations.

Every read goes through ``units_visible_to(user)`` (outside the scope:
404); every write through a service in ``services.py`` (no admin role: 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import Role, has_role_on, unit_scope_q, units_visible_to
from solidarity.core.exports import list_export
from solidarity.core.forms import parse_count, parse_id
from solidarity.core.pages import short_page
from solidarity.core.views import OPTIONS_LIMIT, _search_term, paginate, render_options

from . import selectors, services
from .choices import UnitLevel
from .forms import (
    UnitCreateForm,
    UnitDissolveForm,
    UnitEditForm,
    UnitMergeForm,
    UnitMoveForm,
    UnitSplitForm,
    units_administered,
)
from .models import Unit

CHILDREN_BATCH = 100  # rows per "show more" in the tree
CHILDREN_PER_PAGE = 25  # rows per page on a unit's page
LINKS_PER_PAGE = 25  # its partners, a page at a time (VGCL works with thousands)
PICK_LIMIT = 20


def _include_ended(request) -> bool:
    return request.GET.get("ended") == "1"


def _visible_unit(request, pk: int) -> Unit:
    return get_object_or_404(units_visible_to(request.user), pk=pk)


def _administered_unit(request, pk: int) -> Unit:
    """The unit for an operation: outside the scope 404, no administrator role 403."""
    unit = _visible_unit(request, pk)
    if not has_role_on(request.user, unit, Role.ADMIN):
        raise PermissionDenied
    return unit


def _add_service_error(form, error: ValidationError | PermissionDenied, field: str | None) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You are not allowed to do this."))
    elif hasattr(error, "error_dict"):
        form.add_error(None, error)
    else:
        form.add_error(field if field in form.fields else None, error)


@login_required
def unit_tree(request):
    include_ended = _include_ended(request)
    query = request.GET.get("q", "").strip()
    exported = list_export(
        request,
        sheet="units",
        queryset=selectors.unit_export_rows(user=request.user, text=query, include_ended=include_ended),
    )
    if exported is not None:
        return exported
    context = {"query": query, "include_ended": include_ended}
    if query:
        page_obj = paginate(
            request, selectors.unit_search(user=request.user, text=query, include_ended=include_ended)
        )
        crumbs = selectors.unit_breadcrumbs(user=request.user, units=page_obj.object_list)
        context.update(page_obj=page_obj, hits=[(unit, crumbs.chain(unit)) for unit in page_obj])
    else:
        context["roots"] = selectors.unit_scope_roots(user=request.user, include_ended=include_ended)
    template = (
        "units/_tree_body.html" if request.htmx and request.htmx.target == "tree-body" else "units/tree.html"
    )
    return render(request, template, context)


@login_required
def unit_children(request, pk: int):
    """One level of children, as list items for the tree (htmx fragment)."""
    parent = _visible_unit(request, pk)
    include_ended = _include_ended(request)
    # Not a number: the first batch; past the end (however far): an empty one.
    start = parse_count(request.GET.get("start"), maximum=2**31)
    rows = list(
        selectors.unit_children(user=request.user, parent=parent, include_ended=include_ended)[
            start : start + CHILDREN_BATCH + 1
        ]
    )
    return render(
        request,
        "units/_children.html",
        {
            "parent": parent,
            "children": rows[:CHILDREN_BATCH],
            "next_start": start + CHILDREN_BATCH if len(rows) > CHILDREN_BATCH else None,
            "include_ended": include_ended,
        },
    )


@login_required
def unit_detail(request, pk: int):
    unit = _visible_unit(request, pk)
    user = request.user
    children = (
        units_visible_to(user)
        .filter(path__startswith=unit.path, depth=unit.depth + 1)
        .only("pk", "path", "depth", "numchild", "name", "short_name", "code", "level", "valid_to")
        .order_by("name", "pk")
    )
    predecessors = unit.successions_in.select_related("predecessor").order_by("-effective_date")
    successors = unit.successions_out.select_related("successor").order_by("successor__name")
    links = (
        # Through the reverse relation: the units layer does not import the partners app above it.
        unit.partner_links.select_related("partner").order_by("-is_active", "partner__name")
    )
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(user=user, unit=unit),
            "page_obj": paginate(request, children, per_page=CHILDREN_PER_PAGE),
            "predecessors": [(s, has_role_on(user, s.predecessor, Role.VIEWER)) for s in predecessors],
            "successors": [(s, has_role_on(user, s.successor, Role.VIEWER)) for s in successors],
            "links": short_page(request, links, per_page=LINKS_PER_PAGE, param="links"),
            "history": selectors.unit_history(unit=unit),
            "can_admin": has_role_on(user, unit, Role.ADMIN),
        },
    )


@login_required
def unit_pick(request):
    """Search results for the unit picker: units the user administers, as radios or checkboxes."""
    query = request.GET.get("q", "").strip()
    units = []
    if query:
        queryset = units_administered(request.user).search(query)
        exclude = parse_id(request.GET.get("exclude"))
        if exclude is not None:
            excluded = units_visible_to(request.user).filter(pk=exclude).first()
            if excluded is not None:
                queryset = queryset.exclude(path__startswith=excluded.path)
        above = request.GET.get("above", "")
        if above.isdecimal() and len(above) < 3:
            queryset = queryset.filter(level__lt=int(above))  # a new parent must be of a higher level
        units = list(
            queryset.only("pk", "path", "name", "short_name", "code").order_by("depth", "name")[:PICK_LIMIT]
        )
    crumbs = selectors.unit_breadcrumbs(user=request.user, units=units)
    return render(
        request,
        "units/_pick_results.html",
        {
            "query": query,
            "name": request.GET.get("name", "unit"),
            "multiple": request.GET.get("multiple") == "1",
            "hits": [(unit, crumbs.chain(unit)) for unit in units],
            "limit": PICK_LIMIT,
        },
    )


def _operation_page(request, unit, form, *, title: str, intro: str = "", submit: str = "", danger=False):
    return render(
        request,
        "units/operation_form.html",
        {
            "unit": unit,
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit or _("Save"),
            "danger": danger,
            "ancestors": selectors.unit_ancestors(user=request.user, unit=unit),
        },
    )


@login_required
def unit_add_child(request, pk: int):
    parent = _administered_unit(request, pk)
    if parent.has_ended:
        messages.error(request, _("%(unit)s has ended; add units under its successor.") % {"unit": parent})
        return redirect(parent)
    initial = {"level": min(parent.level + 1, UnitLevel.GRASSROOTS)}
    form = UnitCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.unit_create(parent=parent, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "name")
        else:
            messages.success(request, _("%(unit)s was added.") % {"unit": child})
            return redirect(child)
    return _operation_page(
        request, parent, form, title=_("Add a unit under %(unit)s") % {"unit": parent}, submit=_("Add")
    )


@login_required
def unit_edit(request, pk: int):
    unit = _administered_unit(request, pk)
    form = UnitEditForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "name")
        else:
            messages.success(request, _("Changes saved. The old values stay in the history."))
            return redirect(unit)
    return _operation_page(
        request,
        unit,
        form,
        title=_("Edit or rename %(unit)s") % {"unit": unit},
        intro=_("A renamed unit keeps its identity, its records and its place in the tree."),
    )


@login_required
def unit_move(request, pk: int):
    unit = _administered_unit(request, pk)
    form = UnitMoveForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.unit_move(unit=unit, new_parent=form.cleaned_data["new_parent"], by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "new_parent")
        else:
            messages.success(request, _("%(unit)s and its units below were moved.") % {"unit": moved})
            return redirect(moved)
    return _operation_page(
        request,
        unit,
        form,
        title=_("Move %(unit)s") % {"unit": unit},
        intro=_("The unit moves with all its units below; records and users stay with them."),
        submit=_("Move"),
    )


@login_required
def unit_merge(request, pk: int):
    unit = _administered_unit(request, pk)
    form = UnitMergeForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        into_new = data["target"] == UnitMergeForm.INTO_NEW
        units = list(data["units"])
        new_unit = None
        if into_new:
            new_unit = {
                "name": data["new_name"].strip(),
                "short_name": data["new_short_name"].strip(),
                "code": data["new_code"].strip(),
                "level": units[0].level,
                "kind": units[0].kind,
            }
        try:
            result = services.unit_merge(
                units=units,
                into=None if into_new else data["into"],
                new_unit=new_unit,
                on=data["on"],
                note=data["note"],
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "new_code" if into_new else "into")
        else:
            messages.success(request, _("The units were merged into %(unit)s.") % {"unit": result})
            return redirect(result)
    return _operation_page(
        request,
        unit,
        form,
        title=_("Merge units"),
        intro=_(
            "The merged units end on the effective date and name the result as their successor; "
            "a new unit is created under the parent of the first unit."
        ),
        submit=_("Merge"),
        danger=True,
    )


@login_required
def unit_split(request, pk: int):
    unit = _administered_unit(request, pk)
    form = UnitSplitForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_units = [{**row, "level": unit.level, "kind": unit.kind} for row in data["new_units"]]
        try:
            created = services.unit_split(
                unit=unit,
                new_units=new_units,
                on=data["on"],
                children_to=data.get("children_to"),
                note=data["note"],
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "new_units")
        else:
            messages.success(
                request,
                _("%(unit)s was split into %(names)s.")
                % {"unit": unit, "names": ", ".join(u.name for u in created)},
            )
            return redirect(unit)
    return _operation_page(
        request,
        unit,
        form,
        title=_("Split %(unit)s") % {"unit": unit},
        intro=_("The new units are created beside it, under the same parent; it ends on the effective date."),
        submit=_("Split"),
        danger=True,
    )


@login_required
def unit_dissolve(request, pk: int):
    unit = _administered_unit(request, pk)
    parent = Unit.objects.get_parent(unit)
    form = UnitDissolveForm(request.POST or None, user=request.user, unit=unit, parent=parent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_dissolve(
                unit=unit,
                on=data["on"],
                successors=list(data["successors"]),
                children_to=data.get("children_to"),
                note=data["note"],
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            _add_service_error(form, error, "on")
        else:
            messages.success(request, _("%(unit)s was dissolved.") % {"unit": unit})
            return redirect(unit)
    return _operation_page(
        request,
        unit,
        form,
        title=_("Dissolve %(unit)s") % {"unit": unit},
        intro=_("The unit keeps its records and its place in history; it just ends."),
        submit=_("Dissolve"),
        danger=True,
    )


@login_required
def unit_options(request):
    """<option>s of units matching ?q=, within the user's scope.

    ``?scope=edit`` keeps units where the user is officer or higher,
    ``?scope=admin`` those they administer; both leave ended units out.
    """
    role = {"edit": Role.OFFICER, "admin": Role.ADMIN}.get(request.GET.get("scope", ""), Role.VIEWER)
    units = Unit.objects.filter(unit_scope_q(request.user, role, field="")).search(_search_term(request))
    if role > Role.VIEWER:
        units = units.in_force()
    found = list(units.order_by("depth", "name").values_list("pk", "name")[: OPTIONS_LIMIT + 1])
    return render_options(request, found)
