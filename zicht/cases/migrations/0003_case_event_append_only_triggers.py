"""Database-level guard: the case timeline table refuses UPDATE and DELETE."""
from django.db import migrations

from zicht.common.append_only import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_registry")]
    operations = [refuse_changes(table="cases_caseevent", prefix="cases_event", message="the case timeline is append-only")]
