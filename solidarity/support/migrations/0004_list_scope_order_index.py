from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0003_supportitem_history"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="support",
            index=models.Index(
                fields=["owner_unit", "archived_at", "given_on", "id"], name="support_current_idx"
            ),
        ),
    ]
