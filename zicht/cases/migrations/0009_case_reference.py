"""Cases get a readable, unique reference (C-<year of opening>-<number>); existing cases are back-filled."""

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor) -> None:
    Case = apps.get_model("cases", "Case")
    batch = []
    for case in Case.objects.filter(reference__isnull=True).only("pk", "opened_at").iterator(chunk_size=2000):
        case.reference = f"C-{timezone.localtime(case.opened_at):%Y}-{case.pk:05d}"
        batch.append(case)
        if len(batch) >= 2000:
            Case.objects.bulk_update(batch, ["reference"])
            batch = []
    Case.objects.bulk_update(batch, ["reference"])


class Migration(migrations.Migration):

    dependencies = [("cases", "0008_young_person_moves_to_people")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="reference",
            field=models.CharField(
                blank=True, editable=False, max_length=20, null=True, unique=True, verbose_name="reference",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
