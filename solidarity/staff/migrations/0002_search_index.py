# A text index for the search boxes: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_officers_and_trainings")]

    operations = [
        AddTextIndex(model_name="officer", field="search_text"),
        AddTextIndex(model_name="training", field="search_text"),
    ]
