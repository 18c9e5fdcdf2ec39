from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0006_timeline_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                fields=["owner_unit", "archived_at", "signed_on", "id"], name="agreement_current_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["due_on", "due_year", "id"], name="commitment_due_idx"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                fields=["owner_unit", "archived_at", "due_on", "due_year", "id"],
                name="commitment_current_idx",
            ),
        ),
    ]
