from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Support, SupportItem


class SupportItemInline(admin.TabularInline):
    model = SupportItem
    extra = 0


@admin.register(Support)
class SupportAdmin(SimpleHistoryAdmin):
    list_display = ("given_on", "direction", "partner", "form", "total_vnd", "owner_unit", "archived_at")
    list_filter = ("direction", "form", "funding_source")
    search_fields = ("description", "partner__name")
    date_hierarchy = "given_on"
    raw_id_fields = ("owner_unit", "partner", "delegation", "meeting")
    list_select_related = ("owner_unit", "partner")
    readonly_fields = ("version", "created_by", "archived_at", "archived_by")
    inlines = [SupportItemInline]
