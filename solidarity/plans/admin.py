from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Plan, PlanBudgetLine, PlanItem


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ("kind", "title", "quarter", "people", "dropped")
    readonly_fields = ("dropped",)


class PlanBudgetLineInline(admin.TabularInline):
    model = PlanBudgetLine
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("owner_unit", "year", "revision", "state")
    list_filter = ("state", "year")
    list_select_related = ("owner_unit",)
    raw_id_fields = ("owner_unit",)
    readonly_fields = ("state", "revision", "amends", "approved_at")
    inlines = [PlanItemInline, PlanBudgetLineInline]
