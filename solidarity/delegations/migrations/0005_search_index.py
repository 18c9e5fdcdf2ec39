# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("delegations", "0004_queue_index")]

    operations = [
        AddTextIndex(model_name="delegation", field="search_text"),
    ]
