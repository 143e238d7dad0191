"""A database trigger refusing any change to a signed file's bytes, hash or record, so that even a bulk
`update()` or raw SQL cannot swap what was signed and issued."""

from django.db import migrations

TABLE = "signatures_signedfile"
CONTENT = ["content", "sha256", "target_type", "target_id", "kind", "agency_id", "signed_at"]
CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in CONTENT)
MESSAGE = "signed file is immutable"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION signatures_signedfile_immutable() RETURNS trigger AS $$
    BEGIN
        IF {CHANGED} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER signatures_signedfile_immutable BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION signatures_signedfile_immutable();
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS signatures_signedfile_immutable ON {TABLE};",
    "DROP FUNCTION IF EXISTS signatures_signedfile_immutable();",
]
SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT)
SQLITE = [
    f"""
    CREATE TRIGGER signatures_signedfile_immutable BEFORE UPDATE ON {TABLE}
    FOR EACH ROW WHEN {SQLITE_CHANGED}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS signatures_signedfile_immutable;"]


def _run(schema_editor, statements):  # type: ignore[no-untyped-def]
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"postgresql": POSTGRES, "sqlite": SQLITE}.get(vendor, []))


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}.get(vendor, []))


class Migration(migrations.Migration):
    dependencies = [("signatures", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
