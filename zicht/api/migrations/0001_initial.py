"""ApiToken and IdempotencyRecord move here from ``matching`` without touching the database:
the tables keep their names, so no row is copied; only Django's model state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('matching', '0002_purge_log_append_only_triggers'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True, verbose_name='token hash')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used at')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='api_tokens', to='accounts.organization', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'API token',
                        'verbose_name_plural': 'API tokens',
                        'db_table': 'matching_apitoken',
                    },
                ),
                migrations.CreateModel(
                    name='IdempotencyRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, verbose_name='idempotency key')),
                        ('request_hash', models.CharField(max_length=64, verbose_name='request hash')),
                        ('response_status', models.PositiveSmallIntegerField(verbose_name='response status')),
                        ('response_body', models.TextField(blank=True, verbose_name='response body')),
                        ('response_content_type', models.CharField(default='application/json', max_length=100, verbose_name='response content type')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.organization', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'idempotency record',
                        'verbose_name_plural': 'idempotency records',
                        'db_table': 'matching_idempotencyrecord',
                        'constraints': [models.UniqueConstraint(fields=('organization', 'key'), name='idempotency_key_unique_per_org')],
                    },
                ),
            ],
        ),
    ]
