from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0006_timeline_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="delegation",
            index=models.Index(
                fields=["owner_unit", "archived_at", "start_on", "id"], name="delegation_current_idx"
            ),
        ),
    ]
