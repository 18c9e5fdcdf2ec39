from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contact


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "title", "partner", "owner_unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "search_text"]
    raw_id_fields = ["owner_unit", "partner", "unit"]
