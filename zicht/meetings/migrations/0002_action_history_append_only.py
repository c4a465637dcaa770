"""Database-level guard: the status history of agreed actions refuses UPDATE and DELETE."""
from django.db import migrations

from zicht.common.append_only import refuse_changes


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [
        refuse_changes(
            table="meetings_meetingactionstatuschange",
            prefix="meetings_action_history",
            message="the status history of agreed actions is append-only",
        )
    ]
