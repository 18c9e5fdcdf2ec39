from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cost, Delegation, Member, ProgrammeItem


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    autocomplete_fields = ["unit"]
    raw_id_fields = ["officer"]  # a national register: never a <select> of every officer


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class CostInline(admin.TabularInline):
    model = Cost
    extra = 0


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    """For superusers repairing data; officers work through the delegation pages and their services."""

    list_display = ["title", "direction", "owner_unit", "start_on", "end_on", "state", "archived_at"]
    list_filter = ["direction", "state"]
    search_fields = ["title", "search_text"]
    date_hierarchy = "start_on"
    raw_id_fields = ["owner_unit", "agreement"]
    filter_horizontal = ["partners"]
    readonly_fields = ["version", "created_by", "archived_at", "archived_by", "report_filed_on"]
    inlines = [MemberInline, ProgrammeItemInline, CostInline]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
