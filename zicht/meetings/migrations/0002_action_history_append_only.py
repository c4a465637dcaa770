"""Database-level guard: the status history of agreed actions refuses DELETE and every UPDATE
except the retention redaction, which sets ``outcome`` to '' and leaves every other column."""
from django.db import migrations

from zicht.common.append_only import vendor_sql

TABLE = "meetings_meetingactionstatuschange"
MESSAGE = "the status history of agreed actions is append-only"

POSTGRES_FORWARD = [f"""
CREATE OR REPLACE FUNCTION meetings_history_refuse_change() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION meetings_history_allow_redaction_only() RETURNS trigger AS $$
BEGIN
    IF NEW.outcome = '' AND (to_jsonb(NEW) - 'outcome') = (to_jsonb(OLD) - 'outcome') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '{MESSAGE}';
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER meetings_history_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION meetings_history_allow_redaction_only();
CREATE TRIGGER meetings_history_no_delete BEFORE DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION meetings_history_refuse_change();
"""]
POSTGRES_REVERSE = [f"""
DROP TRIGGER IF EXISTS meetings_history_no_update ON {TABLE};
DROP TRIGGER IF EXISTS meetings_history_no_delete ON {TABLE};
DROP FUNCTION IF EXISTS meetings_history_allow_redaction_only();
DROP FUNCTION IF EXISTS meetings_history_refuse_change();
"""]
SQLITE_FORWARD = [
    f"""CREATE TRIGGER meetings_history_no_update BEFORE UPDATE ON {TABLE}
WHEN NOT (NEW.outcome = '' AND NEW.id = OLD.id AND NEW.action_id = OLD.action_id AND NEW.from_status = OLD.from_status
          AND NEW.to_status = OLD.to_status AND NEW.at = OLD.at AND NEW.by_id = OLD.by_id)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"CREATE TRIGGER meetings_history_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS meetings_history_no_update;",
    "DROP TRIGGER IF EXISTS meetings_history_no_delete;",
]


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [
        vendor_sql(
            postgresql_forward=POSTGRES_FORWARD, postgresql_reverse=POSTGRES_REVERSE,
            sqlite_forward=SQLITE_FORWARD, sqlite_reverse=SQLITE_REVERSE,
        )
    ]
