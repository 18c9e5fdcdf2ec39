from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Fund, FundClosing, FundEntry


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ("name", "owner_unit", "balance_vnd", "closed_through", "archived_at")
    search_fields = ("name",)
    raw_id_fields = ("owner_unit",)
    list_select_related = ("owner_unit",)
    readonly_fields = ("version", "created_by", "archived_at", "archived_by", "balance_vnd", "closed_through")


@admin.register(FundEntry)
class FundEntryAdmin(admin.ModelAdmin):
    """Read-only: a ledger line is written by the services and corrected by a reversal."""

    list_display = ("entry_on", "fund", "direction", "source", "use", "amount_vnd", "reverses")
    list_filter = ("direction", "source", "use")
    list_select_related = ("fund",)
    raw_id_fields = ("fund", "reverses")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FundClosing)
class FundClosingAdmin(admin.ModelAdmin):
    list_display = ("fund", "closed_through", "closed_by", "closed_at", "balance_vnd")
    list_select_related = ("fund", "closed_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
