import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

FIELDS = ("id", "object_id", "original_name", "content_kind", "size", "description", "uploaded_at")


def record_existing_files(apps, schema_editor):
    """Files uploaded before their history was kept: added when uploaded, removed when archived."""
    Attachment = apps.get_model("core", "Attachment")
    Historical = apps.get_model("core", "HistoricalAttachment")
    rows = []
    for attachment in Attachment.objects.order_by("pk").iterator():
        values = {name: getattr(attachment, name) for name in FIELDS}
        values["file"] = attachment.file.name
        values.update(content_type_id=attachment.content_type_id, uploaded_by_id=attachment.uploaded_by_id)
        rows.append(
            Historical(
                **values,
                archived_at=None,
                history_date=attachment.uploaded_at,
                history_type="+",
                history_user_id=attachment.uploaded_by_id,
            )
        )
        if attachment.archived_at:
            rows.append(
                Historical(
                    **values,
                    archived_at=attachment.archived_at,
                    history_date=attachment.archived_at,
                    history_type="~",
                    history_change_reason="remove",
                )
            )
    Historical.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalAttachment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('file', models.TextField(max_length=100, verbose_name='file')),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('content_kind', models.CharField(max_length=10, verbose_name='type')),
                ('size', models.PositiveBigIntegerField(verbose_name='size')),
                ('description', models.CharField(blank=True, max_length=255, verbose_name='description')),
                ('uploaded_at', models.DateTimeField(blank=True, editable=False, verbose_name='uploaded at')),
                ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'historical attachment',
                'verbose_name_plural': 'historical attachments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(record_existing_files, migrations.RunPython.noop),
    ]
