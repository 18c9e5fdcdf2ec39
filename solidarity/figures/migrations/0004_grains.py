"""Figures at three grains (day, month, year): a period is read exactly, from a few rows; and by
breakdown (dimension), so a breakdown is one range of the index.

The monthly rows cannot say what happened between 15 December and 14 June,
so they are dropped; 0005 makes every figure again from the records.
"""

from django.db import migrations, models


def forget(apps, schema_editor):
    apps.get_model("figures", "Tally").objects.all().delete()
    apps.get_model("figures", "Contribution").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("figures", "0003_rebuild_existing_records")]

    operations = [
        migrations.RunPython(forget, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="tally", name="figures_tally_key"),
        migrations.RenameField(model_name="tally", old_name="month", new_name="day"),
        migrations.AlterField(
            model_name="tally",
            name="day",
            field=models.DateField(help_text="The first day of the day, month or year.", verbose_name="first day"),
        ),
        migrations.AddField(
            model_name="tally",
            name="grain",
            field=models.PositiveSmallIntegerField(
                choices=[(0, "day"), (1, "month"), (2, "year")], default=1, verbose_name="grain"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="tally",
            name="dimension",
            field=models.CharField(blank=True, max_length=20, verbose_name="breakdown"),
        ),
        migrations.AddConstraint(
            model_name="tally",
            constraint=models.UniqueConstraint(
                fields=("unit", "dimension", "grain", "indicator", "day", "key"), name="figures_tally_grain_key"
            ),
        ),
    ]
