"""The supervisor role only in the province's supervisor body (a trigger); the admin for operators only.

The triggers refuse, whatever code path writes: a supervisor grant to a person outside a supervisor
body, moving a supervisor out of the body, and unmarking a body whose people hold the role.
"""

from typing import Any

from django.db import migrations

MESSAGE = "supervisor role outside the province supervisor body"

HOLDS_OUTSIDE = """
EXISTS (SELECT 1 FROM core_rolegrant g JOIN core_person p ON p.id = g.person_id
        JOIN core_agency a ON a.id = p.agency_id
        WHERE g.role = 'supervisor' AND NOT a.is_supervisor AND {where})
"""

SQLITE = [
    (
        "core_supervisor_grant_insert",
        "BEFORE INSERT ON core_rolegrant FOR EACH ROW WHEN NEW.role = 'supervisor' AND NOT EXISTS "
        "(SELECT 1 FROM core_person p JOIN core_agency a ON a.id = p.agency_id "
        "WHERE p.id = NEW.person_id AND a.is_supervisor)",
    ),
    (
        "core_supervisor_grant_update",
        "BEFORE UPDATE ON core_rolegrant FOR EACH ROW WHEN NEW.role = 'supervisor' AND NOT EXISTS "
        "(SELECT 1 FROM core_person p JOIN core_agency a ON a.id = p.agency_id "
        "WHERE p.id = NEW.person_id AND a.is_supervisor)",
    ),
    (
        "core_supervisor_person_move",
        "AFTER UPDATE OF agency_id ON core_person FOR EACH ROW WHEN "
        + HOLDS_OUTSIDE.format(where="p.id = NEW.id"),
    ),
    (
        "core_supervisor_body_unmark",
        "AFTER UPDATE OF is_supervisor ON core_agency FOR EACH ROW WHEN "
        + HOLDS_OUTSIDE.format(where="a.id = NEW.id"),
    ),
]

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION core_supervisor_check() RETURNS trigger AS $$
BEGIN
    IF {HOLDS_OUTSIDE.format(where="TRUE")} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""

POSTGRES_TRIGGERS = [
    ("core_supervisor_grant", "core_rolegrant", "INSERT OR UPDATE"),
    ("core_supervisor_person_move", "core_person", "UPDATE OF agency_id"),
    ("core_supervisor_body_unmark", "core_agency", "UPDATE OF is_supervisor"),
]


def create_triggers(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, body in SQLITE:
            abort = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            schema_editor.execute(f"CREATE TRIGGER {name} {body} {abort}")
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for name, table, event in POSTGRES_TRIGGERS:
            schema_editor.execute(
                f"CREATE CONSTRAINT TRIGGER {name} AFTER {event} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION core_supervisor_check();"
            )


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name, _body in SQLITE:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")
    elif vendor == "postgresql":
        for name, table, _event in POSTGRES_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS core_supervisor_check();")


def close_admin_to_agency_staff(apps: Any, schema_editor: Any) -> None:
    """Agency staff manage their organisation through the app's pages; the admin is for operators."""
    user_model = apps.get_model("auth", "User")
    user_model.objects.filter(is_staff=True, is_superuser=False).update(is_staff=False)
    apps.get_model("core", "RoleGrant").objects.filter(
        role="supervisor", person__agency__is_supervisor=False
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(close_admin_to_agency_staff, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
