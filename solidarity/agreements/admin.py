from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, Commitment, Phase, SigningStep


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class SigningStepInline(admin.TabularInline):
    model = SigningStep
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner_unit", "agreement_type", "status", "signed_on", "archived_at"]
    list_filter = ["agreement_type", "status", "is_international_agreement"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["owner_unit", "partners"]
    inlines = [PhaseInline, SigningStepInline]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agreement", "responsible_unit", "due_on", "due_year", "status"]
    list_filter = ["status"]
    search_fields = ["description"]
    raw_id_fields = ["owner_unit", "agreement", "phase", "meeting", "responsible_unit"]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agreement", "start_year", "end_year"]
    raw_id_fields = ["agreement"]


@admin.register(SigningStep)
class SigningStepAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "kind", "due_on", "done_on"]
    list_filter = ["kind"]
    raw_id_fields = ["agreement"]
