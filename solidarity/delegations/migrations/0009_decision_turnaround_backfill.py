"""Decisions taken before the approval turnaround was kept: their owner, day and days waited."""

from django.db import migrations

from solidarity.records.backfill import backfill_decisions


def backfill(apps, schema_editor):
    backfill_decisions(apps, schema_editor, app_label="delegations", model_name="Delegation")


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0008_home_attention_indexes"),
        ("core", "0003_decision_turnaround"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
