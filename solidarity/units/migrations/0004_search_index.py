# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("units", "0003_approves_own")]

    operations = [
        AddTextIndex(model_name="unit", field="search_text"),
    ]
