"""The retention jobs' deletion log; the table refuses UPDATE and DELETE at the database level."""
from django.db import migrations, models

from zicht.common.append_only import refuse_changes

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
        refuse_changes(table="audit_deletionlog", prefix="audit_deletionlog", message="the deletion log is append-only"),
    ]
