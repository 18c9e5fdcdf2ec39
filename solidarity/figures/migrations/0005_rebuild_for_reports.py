"""Make every figure again from the records a database already holds, after the grains of 0004 and
the figures the reports added (partners, countries of meetings, reports filed, decisions,
agreements in force, commitments). It runs the rebuild of the code being migrated to, so it
comes after every migration that code's sources read.

A fresh database (tests, a new install) has no records: nothing to do.
"""

from django.db import migrations

RECORDS = [
    ("delegations", "Delegation"),
    ("meetings", "Meeting"),
    ("support", "Support"),
    ("agreements", "Agreement"),
]


def rebuild_if_records(apps, schema_editor):
    if not any(apps.get_model(app, model).objects.exists() for app, model in RECORDS):
        return
    from solidarity.figures.rebuild import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0004_grains"),
        ("core", "0003_decision_turnaround"),
        ("delegations", "0009_decision_turnaround_backfill"),
        ("meetings", "0008_decision_turnaround_backfill"),
        ("agreements", "0008_home_attention_indexes"),
        ("support", "0006_list_scope_order_index"),
        ("partners", "0004_search_index"),
    ]

    operations = [migrations.RunPython(rebuild_if_records, migrations.RunPython.noop)]
