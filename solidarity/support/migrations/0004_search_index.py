# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("support", "0003_supportitem_history")]

    operations = [
        AddTextIndex(model_name="support", field="description", ignore_case=True),
        AddTextIndex(model_name="supportitem", field="description", ignore_case=True),
    ]
