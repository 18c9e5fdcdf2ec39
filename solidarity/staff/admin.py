from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Officer, OfficerLanguage, Participant, Training


class OfficerLanguageInline(admin.TabularInline):
    model = OfficerLanguage
    extra = 0


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "owner_unit", "employment", "started_year", "left_on", "archived_at")
    list_filter = ("employment",)
    search_fields = ("full_name", "position")
    raw_id_fields = ("owner_unit", "user")
    list_select_related = ("owner_unit",)
    readonly_fields = ("version", "created_by", "archived_at", "archived_by")
    inlines = [OfficerLanguageInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ("officer", "certificate")


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner_unit", "starts_on", "ends_on", "format", "archived_at")
    list_filter = ("format",)
    search_fields = ("title", "topic")
    date_hierarchy = "ends_on"
    raw_id_fields = ("owner_unit", "partner")
    list_select_related = ("owner_unit",)
    readonly_fields = ("version", "created_by", "archived_at", "archived_by")
    inlines = [ParticipantInline]
