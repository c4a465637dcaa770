"""The retention jobs' deletion log; the table refuses UPDATE and DELETE at the database level."""
from django.db import migrations, models

TABLE = "audit_deletionlog"
MESSAGE = "the deletion log is append-only"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_deletionlog_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_deletionlog_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION audit_deletionlog_refuse_change();
CREATE TRIGGER audit_deletionlog_no_delete BEFORE DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION audit_deletionlog_refuse_change();
"""
POSTGRES_REVERSE = f"""
DROP TRIGGER IF EXISTS audit_deletionlog_no_update ON {TABLE};
DROP TRIGGER IF EXISTS audit_deletionlog_no_delete ON {TABLE};
DROP FUNCTION IF EXISTS audit_deletionlog_refuse_change();
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER audit_deletionlog_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER audit_deletionlog_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_deletionlog_no_update;", "DROP TRIGGER IF EXISTS audit_deletionlog_no_delete;"]


def forward(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only_triggers'),
    ]

    operations = [
        migrations.CreateModel(
            name='DeletionLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('run_id', models.UUIDField(db_index=True, verbose_name='run')),
                ('at', models.DateTimeField(verbose_name='at')),
                ('job', models.CharField(max_length=40, verbose_name='job')),
                ('object_type', models.CharField(max_length=100, verbose_name='object type')),
                ('object_id', models.CharField(max_length=64, verbose_name='object id')),
                ('action', models.CharField(choices=[('anonymised', 'anonymised'), ('deleted', 'deleted')], max_length=12, verbose_name='action')),
            ],
            options={
                'verbose_name': 'deletion log entry',
                'verbose_name_plural': 'deletion log',
                'ordering': ['at', 'pk'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='deletionlog_object')],
                'constraints': [models.UniqueConstraint(fields=('job', 'object_type', 'object_id'), name='deletionlog_once_per_job'), models.CheckConstraint(condition=models.Q(('action__in', ['anonymised', 'deleted'])), name='deletionlog_action_known')],
            },
        ),
        migrations.RunPython(forward, reverse),
    ]
