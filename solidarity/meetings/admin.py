from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "kind",
        "hosted",
        "is_international",
        "start_on",
        "owner_unit",
        "state",
        "archived_at",
    )
    list_filter = ("kind", "hosted", "is_international", "state")
    search_fields = ("title", "place", "chairs")
    date_hierarchy = "start_on"
    raw_id_fields = ("owner_unit", "agreement", "partners")
    list_select_related = ("owner_unit",)
    # Workflow steps and the archive go through the services, so the event rows are written.
    readonly_fields = ("state", "version", "created_by", "archived_at", "archived_by")
