"""Database-level guard: the purge log refuses UPDATE and DELETE."""
from django.db import migrations

from zicht.common.append_only import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [refuse_changes(table="matching_purgelog", prefix="matching_purgelog", message="the purge log is append-only")]
