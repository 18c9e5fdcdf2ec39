from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Disbursement, DonorReport, Project


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 0


class DonorReportInline(admin.TabularInline):
    model = DonorReport
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "donor", "status", "start_on", "budget_vnd", "received_vnd", "owner_unit")
    list_filter = ("status",)
    search_fields = ("title", "donor__name")
    raw_id_fields = ("owner_unit", "donor", "partner", "meetings", "delegations", "support_records")
    list_select_related = ("owner_unit", "donor")
    readonly_fields = ("version", "created_by", "archived_at", "archived_by", "received_vnd")
    inlines = [DisbursementInline, DonorReportInline]
