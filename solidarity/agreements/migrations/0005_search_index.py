# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_phase_year_bounds")]

    operations = [
        AddTextIndex(model_name="agreement", field="search_text"),
    ]
