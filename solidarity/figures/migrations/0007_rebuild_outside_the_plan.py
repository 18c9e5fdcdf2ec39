"""Make every figure again from the records a database already holds: meetings, agreements and
support given that carry out no item of the annual plan now count "outside the plan" (before,
only delegations did), and the annual plans in force count their items, their outcomes and their
budget. A fresh database has no records: nothing to do.
"""

from django.db import migrations

RECORDS = [
    ("delegations", "Delegation"),
    ("meetings", "Meeting"),
    ("support", "Support"),
    ("agreements", "Agreement"),
    ("plans", "Plan"),
]


def rebuild_if_records(apps, schema_editor):
    if not any(apps.get_model(app, model).objects.exists() for app, model in RECORDS):
        return
    from solidarity.figures.rebuild import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0006_rebuild_after_cost_fix"),
        ("delegations", "0010_plan_item"),
        ("meetings", "0009_plan_item"),
        ("agreements", "0009_plan_item"),
        ("support", "0007_plan_item"),
        ("plans", "0001_annual_plans"),
    ]

    operations = [migrations.RunPython(rebuild_if_records, migrations.RunPython.noop)]
