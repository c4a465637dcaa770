"""Database-level guard: history, extensions and frozen figures refuse UPDATE and DELETE."""
from django.db import migrations

from zicht.common.append_only import refuse_changes

TABLES = ("council_councilquestionevent", "council_councilquestionextension", "council_answerfigure")
MESSAGE = "council history, extensions and inserted figures are append-only"


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]
    operations = [refuse_changes(table=table, prefix=table, message=MESSAGE) for table in TABLES]
