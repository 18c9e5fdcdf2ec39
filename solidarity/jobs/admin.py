from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "kind", "state", "created_at", "finished_at")
    list_filter = ("state", "kind")
    raw_id_fields = ("owner",)
    readonly_fields = ("created_at", "started_at", "finished_at")
