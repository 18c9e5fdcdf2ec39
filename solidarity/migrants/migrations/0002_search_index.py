from django.db import migrations

from solidarity.core.search import AddTextIndex


class Migration(migrations.Migration):
    dependencies = [("migrants", "0001_cases")]

    operations = [AddTextIndex(model_name="migrantcase", field="search_text")]
