# A text index for the search box: pg_trgm on PostgreSQL, FTS5 trigram on SQLite (solidarity.core.search).

from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("sponsorship", "0001_projects")]

    operations = [AddTextIndex(model_name="project", field="title", ignore_case=True)]
