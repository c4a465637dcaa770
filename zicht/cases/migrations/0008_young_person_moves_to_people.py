"""YoungPerson leaves the cases app's state for ``people`` (see people/0001): no table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0007_statistics_indexes"),
        ("people", "0001_initial"),
        ("concerns", "0004_young_person_in_people"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="young_person",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="cases", to="people.youngperson", verbose_name="young person"),
                ),
                migrations.AlterField(
                    model_name="consent",
                    name="young_person",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="consents", to="people.youngperson", verbose_name="young person"),
                ),
                migrations.DeleteModel(name="YoungPerson"),
            ],
        ),
    ]
