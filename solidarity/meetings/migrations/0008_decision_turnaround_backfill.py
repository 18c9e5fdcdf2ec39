"""Decisions taken before the approval turnaround was kept: their owner, day and days waited."""

from django.db import migrations

from solidarity.records.backfill import backfill_decisions


def backfill(apps, schema_editor):
    backfill_decisions(apps, schema_editor, app_label="meetings", model_name="Meeting")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_meeting_country"),
        ("core", "0003_decision_turnaround"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
