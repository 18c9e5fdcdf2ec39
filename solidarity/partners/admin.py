from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partner, PartnerLink


class PartnerLinkInline(admin.TabularInline):
    model = PartnerLink
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "country", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_original", "short_name", "search_text"]
    inlines = [PartnerLinkInline]
