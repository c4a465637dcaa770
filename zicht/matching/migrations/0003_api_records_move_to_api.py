"""The partner-API records moved to the ``api`` app (see api/0001); the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0002_purge_log_append_only_triggers'),
        ('api', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='idempotencyrecord',
                    name='organization',
                ),
                migrations.DeleteModel(
                    name='ApiToken',
                ),
                migrations.DeleteModel(
                    name='IdempotencyRecord',
                ),
            ],
        ),
    ]
