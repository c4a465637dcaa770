"""Seeds the indicator catalogue from the fixture (upsert by code, so admins' edits of other rows stay)."""
import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "indicators.json"


def load_indicators(apps, schema_editor):  # noqa: ANN001 (Django passes untyped registry and editor)
    Indicator = apps.get_model("concerns", "Indicator")
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = dict(row["fields"])
        code = fields.pop("code")
        Indicator.objects.update_or_create(code=code, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("concerns", "0001_initial")]
    operations = [migrations.RunPython(load_indicators, migrations.RunPython.noop)]
