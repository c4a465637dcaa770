"""Fill the statistics tallies (``common.Tally``) for the data that existed before they were kept.

Runs the full recount of ``rebuild_stats_summaries`` once; from here on the services keep the
tallies with every write. It uses the current code, so it reads only fields that exist at the
migrations it depends on.
"""

from django.core.management import call_command
from django.db import migrations


def fill(apps, schema_editor) -> None:
    call_command("rebuild_stats_summaries", verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_tallies"),
        # The latest migration of every app whose tables the recount reads.
        ("cases", "0011_referral_question"),
        ("concerns", "0005_framework_routes"),
        ("outreach", "0001_initial"),
        ("walk_ins", "0001_initial"),
        ("framework", "0002_version_1"),
        ("people", "0003_fill_search_index"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
