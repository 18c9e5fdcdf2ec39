from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["owner_unit", "is_active", "full_name", "id"], name="contact_current_idx"
            ),
        ),
    ]
