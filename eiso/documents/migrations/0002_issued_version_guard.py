"""A database trigger refusing changes to the content of an issued (or superseded, withdrawn) version,
so that even a bulk `update()` or raw SQL cannot rewrite what was approved and issued."""

from django.db import migrations

TABLE = "documents_documentversion"
FROZEN = "('issued', 'superseded', 'withdrawn')"
CONTENT = [
    "document_id",
    "issue_no",
    "revision_no",
    "effective_from",
    "changed_sections",
    "change_summary",
    "body",
    "file",
    "file_name",
    "file_kind",
    "file_size",
    "file_sha256",
    "drafted_by_id",
    "reviewed_by_id",
    "approved_by_id",
    "approved_at",
]
CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in CONTENT)
MESSAGE = "issued document version is immutable"

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION documents_version_immutable() RETURNS trigger AS $$
    BEGIN
        IF OLD.state IN {FROZEN} AND ({CHANGED}) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER documents_version_immutable BEFORE UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION documents_version_immutable();
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS documents_version_immutable ON {TABLE};",
    "DROP FUNCTION IF EXISTS documents_version_immutable();",
]
SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT)
SQLITE = [
    f"""
    CREATE TRIGGER documents_version_immutable BEFORE UPDATE ON {TABLE}
    FOR EACH ROW WHEN OLD.state IN {FROZEN} AND ({SQLITE_CHANGED})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS documents_version_immutable;"]


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
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
