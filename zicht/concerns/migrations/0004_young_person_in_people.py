"""The young person now lives in the ``people`` app; the table and its foreign key are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("concerns", "0003_statistics_indexes"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="concern",
                    name="young_person",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="concerns", to="people.youngperson", verbose_name="young person"),
                ),
            ],
        ),
    ]
