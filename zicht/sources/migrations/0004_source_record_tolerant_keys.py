from django.db import migrations, models

# The tolerant key columns (``zicht.common.tolerant_keys``), one text column per kind.
TOLERANT_COLUMNS = ("given_date", "given_surname", "given_year", "initial_sound_year", "near_date", "near_surname")


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_alter_sourcerecord_source_list"),
    ]

    operations = [
        migrations.AddField(model_name="sourcerecord", name=name, field=models.TextField(blank=True, default=""))
        for name in TOLERANT_COLUMNS
    ]
