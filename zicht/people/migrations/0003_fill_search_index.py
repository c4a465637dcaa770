"""Fill the blind search index of the young people registered before it existed.

Each identity is decrypted once, in memory, and its keyed tokens are written; the plaintext is
never stored. Uses the same function as the people services, so old and new rows agree.
"""

from django.db import migrations

BATCH = 500


def fill(apps, schema_editor):
    from zicht.people.search import COLUMNS, search_tokens

    young_person = apps.get_model("people", "YoungPerson")
    last_pk = 0
    while True:
        batch = list(young_person.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
        if not batch:
            return
        for person in batch:
            tokens = search_tokens(
                given_names=person.given_names or "",
                family_name_prefix=person.family_name_prefix or "",
                family_name=person.family_name or "",
                date_of_birth=person.date_of_birth,
            )
            for column, token in tokens.items():
                setattr(person, column, token)
        young_person.objects.bulk_update(batch, list(COLUMNS))
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("people", "0002_search_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
