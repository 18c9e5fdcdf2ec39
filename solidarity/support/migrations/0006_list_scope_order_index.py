from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0005_timeline_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="support",
            index=models.Index(
                fields=["owner_unit", "archived_at", "given_on", "id"], name="support_current_idx"
            ),
        ),
    ]
