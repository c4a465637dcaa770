"""Database-level guard: the access log table refuses UPDATE and DELETE."""
from django.db import migrations

from zicht.common.append_only import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [refuse_changes(table="audit_accesslogentry", prefix="audit", message="the access log is append-only")]
