from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_source_record_tolerant_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="estimatesnapshot",
            name="link_rule",
            field=models.CharField(
                choices=[
                    ("learnt", "rule learnt from the BSN pairs"),
                    ("threshold", "threshold on name and date-of-birth keys"),
                ],
                default="threshold",
                max_length=16,
                verbose_name="link rule",
            ),
        ),
    ]
