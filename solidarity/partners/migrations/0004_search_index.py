# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_partner_version_and_changed_by_unit")]

    operations = [
        AddTextIndex(model_name="partner", field="search_text"),
    ]
