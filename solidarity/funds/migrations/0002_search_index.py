# A text index for the list's search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_social_funds")]

    operations = [AddTextIndex(model_name="fund", field="name", ignore_case=True)]
