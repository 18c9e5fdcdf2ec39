# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_contact_version")]

    operations = [
        AddTextIndex(model_name="contact", field="search_text"),
    ]
