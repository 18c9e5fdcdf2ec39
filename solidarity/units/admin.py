"""Superusers' back door to the tree. Day-to-day changes go through the units pages and services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Unit, UnitSuccession


class _SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False  # units and successions are never deleted: records hang on them


@admin.register(Unit)
class UnitAdmin(_SuperuserOnly, TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Unit, exclude=["search_text"])
    list_display = ["name", "code", "level", "kind", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "short_name", "code", "search_text"]
    list_per_page = 100


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(_SuperuserOnly, admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_date", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    search_fields = ["predecessor__name", "successor__name", "predecessor__code", "successor__code"]
    raw_id_fields = ["predecessor", "successor"]
    readonly_fields = ["recorded_by", "recorded_at"]
    date_hierarchy = "effective_date"
