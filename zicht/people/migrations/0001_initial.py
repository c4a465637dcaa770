"""YoungPerson moves here from ``cases`` without touching the database: the table keeps its name
(``cases_youngperson``), so no row is copied; only Django's model state changes."""

import django.db.models.deletion
from django.db import migrations, models

import zicht.common.fields
import zicht.common.validators


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0007_statistics_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="YoungPerson",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("given_names", zicht.common.fields.EncryptedCharField(blank=True, max_length=200, verbose_name="given names")),
                        ("family_name_prefix", zicht.common.fields.EncryptedCharField(blank=True, max_length=30, verbose_name="tussenvoegsel")),
                        ("family_name", zicht.common.fields.EncryptedCharField(blank=True, max_length=200, verbose_name="family name")),
                        ("date_of_birth", zicht.common.fields.EncryptedDateField(blank=True, null=True, verbose_name="date of birth")),
                        ("bsn", zicht.common.fields.EncryptedCharField(blank=True, max_length=9, validators=[zicht.common.validators.validate_bsn], verbose_name="citizen service number (BSN)")),
                        ("gender", models.CharField(choices=[("female", "Girl or woman"), ("male", "Boy or man"), ("other", "Other"), ("unknown", "Unknown")], default="unknown", max_length=10, verbose_name="gender")),
                        ("district", models.CharField(choices=[("centrum", "Centrum"), ("escamp", "Escamp"), ("haagse_hout", "Haagse Hout"), ("laak", "Laak"), ("leidschenveen_ypenburg", "Leidschenveen-Ypenburg"), ("loosduinen", "Loosduinen"), ("scheveningen", "Scheveningen"), ("segbroek", "Segbroek"), ("unknown", "Unknown")], default="unknown", max_length=30, verbose_name="district")),
                        ("organization", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="young_people", to="accounts.organization", verbose_name="registered by")),
                    ],
                    options={
                        "verbose_name": "young person",
                        "verbose_name_plural": "young people",
                        "db_table": "cases_youngperson",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("gender__in", ["female", "male", "other", "unknown"])), name="young_person_gender_known"),
                            models.CheckConstraint(condition=models.Q(("district__in", ["centrum", "escamp", "haagse_hout", "laak", "leidschenveen_ypenburg", "loosduinen", "scheveningen", "segbroek", "unknown"])), name="young_person_district_known"),
                        ],
                    },
                ),
            ],
        ),
    ]
