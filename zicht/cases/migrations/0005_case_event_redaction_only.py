"""The case timeline stays append-only, except for one update: a retention redaction.

A redaction sets ``text`` to '' and ``data`` to '{}' and leaves every other column as it was;
the database refuses any other UPDATE (and still every DELETE).
"""
from django.db import migrations

from zicht.common.append_only import vendor_sql

TABLE = "cases_caseevent"
MESSAGE = "the case timeline is append-only"

# PostgreSQL compares whole rows minus the redacted columns, so a column added later is guarded too.
POSTGRES_FORWARD = [f"""
CREATE OR REPLACE FUNCTION cases_event_allow_redaction_only() RETURNS trigger AS $$
BEGIN
    IF NEW.text = '' AND NEW.data = '{{}}'::jsonb
       AND (to_jsonb(NEW) - 'text' - 'data') = (to_jsonb(OLD) - 'text' - 'data') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{MESSAGE}';
END; $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cases_event_no_update ON {TABLE};
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION cases_event_allow_redaction_only();
"""]
POSTGRES_REVERSE = [f"""
DROP TRIGGER IF EXISTS cases_event_no_update ON {TABLE};
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION cases_event_refuse_change();
DROP FUNCTION IF EXISTS cases_event_allow_redaction_only();
"""]
# SQLite names the columns (see 0002_case_registry); ``IS`` compares the nullable ``by_id`` null-safely.
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS cases_event_no_update;",
    f"""CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON {TABLE}
WHEN NOT (NEW.text = '' AND NEW.data = '{{}}' AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id
          AND NEW.kind = OLD.kind AND NEW.at = OLD.at AND NEW.by_id IS OLD.by_id)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_event_no_update;",
    f"CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_concerns")]
    operations = [
        vendor_sql(
            postgresql_forward=POSTGRES_FORWARD, postgresql_reverse=POSTGRES_REVERSE,
            sqlite_forward=SQLITE_FORWARD, sqlite_reverse=SQLITE_REVERSE,
        )
    ]
