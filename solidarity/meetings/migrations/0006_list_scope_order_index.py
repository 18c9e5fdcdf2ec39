from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_timeline_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(
                fields=["owner_unit", "archived_at", "start_on", "id"], name="meeting_current_idx"
            ),
        ),
    ]
