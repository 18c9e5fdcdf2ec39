"""Make the figures of the records a database already holds, once, when the figures app arrives.

A fresh database (tests, a new install) has no records: nothing to do. One
that has them (the demo's, the benchmark's, production) gets what
``manage.py figures --rebuild`` makes. It runs the rebuild of the code being
migrated to, so it belongs right after the tables it fills.
"""

from django.db import migrations

RECORDS = [
    ("delegations", "Delegation"),
    ("meetings", "Meeting"),
    ("support", "Support"),
    ("agreements", "Agreement"),
]


def rebuild_if_records(apps, schema_editor):
    # Superseded by 0004, which rebuilds at day, month and year grains: the rebuild of the code
    # being migrated to writes columns this migration's table does not have yet.
    return


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0002_no_database_keys"),
        ("agreements", "0008_home_attention_indexes"),
        ("delegations", "0008_home_attention_indexes"),
        ("meetings", "0006_list_scope_order_index"),
        ("support", "0006_list_scope_order_index"),
        ("partners", "0004_search_index"),
    ]

    operations = [migrations.RunPython(rebuild_if_records, migrations.RunPython.noop)]
