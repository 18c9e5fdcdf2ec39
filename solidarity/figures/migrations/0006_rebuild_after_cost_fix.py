"""Make every figure again from the records a database already holds, after the cost breakdown fix
(a delegation's estimated and actual costs of one funding source each counted both) and the
figures added since 0005 (meeting costs, social funds, sponsorship received). Runs after every
migration the sources read. A fresh database has no records: nothing to do.
"""

from django.db import migrations

RECORDS = [
    ("delegations", "Delegation"),
    ("funds", "FundEntry"),
    ("sponsorship", "Disbursement"),
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
        ("figures", "0005_rebuild_for_reports"),
        ("delegations", "0010_plan_item"),
        ("meetings", "0009_plan_item"),
        ("agreements", "0009_plan_item"),
        ("support", "0007_plan_item"),
        ("funds", "0002_search_index"),
        ("sponsorship", "0002_search_index"),
        ("plans", "0001_annual_plans"),
    ]

    operations = [migrations.RunPython(rebuild_if_records, migrations.RunPython.noop)]
