"""Issued records do not change: one rule, checked by the services and enforced by the database.

A record is *issued* (signed, approved, closed) when a field on it, or on the record it belongs to, holds one
of a few values: minutes issued, objective set issued, audit report approved, corrective action closed. The
same declaration (`Freeze`) serves two purposes:

- services call `ensure_editable(record)` before a write, and get a translated `ValidationError`;
- a migration calls `freeze_operation(...)` to create database triggers (PostgreSQL and SQLite) that refuse
  an UPDATE changing a frozen column of an issued row, an UPDATE that takes a row back out of its issued
  state, and an INSERT of a child row under an issued parent, so that neither a bulk `update()` nor raw SQL
  rewrites what was issued. Later changes are new records (an amendment), never edits.

An app declares its freezes in `eiso/<app>/freezes.py` and registers them in its `AppConfig.ready()`; its
trigger migration repeats the declarations literally, so that a migration keeps meaning what it meant.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, migrations
from django.db.models import Model
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext as _

MESSAGE = "issued record is immutable"


@dataclass(frozen=True)
class Freeze:
    """One table's freeze: the row is issued when `path` (a field, or `parent__field`) is in `states`.

    `columns` are the database columns that may not change once issued (the record's content); the
    columns left out (a tracked action's progress, `updated_at`) stay writable. `child` marks a table whose
    rows belong to an issued parent: no row may be added under it.
    """

    model: str
    path: str
    states: tuple[str, ...]
    columns: tuple[str, ...]
    child: bool = False
    label: str = field(default="", compare=False)

    @property
    def name(self) -> str:
        return "freeze_" + self.model.replace(".", "_").lower()


_REGISTRY: dict[str, Freeze] = {}


def register(*freezes: Freeze) -> None:
    """Make `ensure_editable` know these freezes (called from an app's `ready()`)."""
    for freeze in freezes:
        _REGISTRY[freeze.model.lower()] = freeze
    pre_migrate.connect(_drop_sqlite_children, dispatch_uid="immutability_drop_sqlite_children")
    post_migrate.connect(install_sqlite_child_triggers, dispatch_uid="immutability_sqlite_children")


def _value(record: Any, path: str) -> Any:
    for part in path.split("__"):
        record = getattr(record, part, None)
        if record is None:
            return None
    return record


def is_issued(record: Model) -> bool:
    """Whether `record` (or the record it belongs to) is issued, as stored in the database now."""
    freeze = _REGISTRY.get(record._meta.label_lower)
    if freeze is None or record.pk is None and not freeze.child:
        return False
    if record.pk is not None:
        stored = type(record)._default_manager.filter(pk=record.pk).values_list(freeze.path, flat=True)
        return stored.first() in freeze.states
    return _value(record, freeze.path) in freeze.states


def ensure_editable(record: Model, *, message: str | None = None) -> None:
    """Refuse a write to an issued record (or a new row under an issued parent) with a translated error.

    Amendments are new records: a supplementary decision in the next review, a revised set issued by a
    new decision.
    """
    if is_issued(record):
        raise ValidationError(
            message
            or _("{record} đã ban hành, không sửa được. Thay đổi được ghi nhận bằng một văn bản mới.").format(
                record=record
            ),
            code="issued",
        )


def require_number(number: str) -> str:
    """An issued record carries its number (số văn bản); returns it stripped."""
    if not (number or "").strip():
        raise ValidationError(_("Nhập số văn bản trước khi ban hành."), code="number_required")
    return number.strip()


# --- database triggers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sql:
    table: str
    condition: str  # with {row} for OLD / NEW


def _frozen_sql(apps: Any, freeze: Freeze) -> _Sql:
    """The SQL condition "this row is issued", following `path` through foreign keys by sub-queries."""
    model = apps.get_model(freeze.model)
    table = model._meta.db_table
    *hops, last = freeze.path.split("__")
    states = ", ".join("'" + s.replace("'", "''") + "'" for s in freeze.states)
    if not hops:
        return _Sql(table, f"{{row}}.{model._meta.get_field(last).column} IN ({states})")
    current, ref = model, "{row}"
    joins: list[tuple[str, str, str]] = []
    for depth, hop in enumerate(hops):
        fk = current._meta.get_field(hop)
        target = fk.related_model
        alias = f"p{depth}"
        joins.append((target._meta.db_table, alias, f"{alias}.{target._meta.pk.column} = {ref}.{fk.column}"))
        current, ref = target, alias
    column = current._meta.get_field(last).column
    tables = ", ".join(f"{t} {a}" for t, a, _c in joins)
    where = " AND ".join(c for _t, _a, c in joins)
    # Identifiers come from the models and the states from the freeze declaration, never from input.
    subquery = f"SELECT 1 FROM {tables} WHERE {where} AND {ref}.{column} IN ({states})"  # noqa: S608
    return _Sql(table, f"EXISTS ({subquery})")


def _postgres(freeze: Freeze, sql: _Sql) -> tuple[list[str], list[str]]:
    old, new = sql.condition.format(row="OLD"), sql.condition.format(row="NEW")
    changed = " OR ".join(f'NEW."{c}" IS DISTINCT FROM OLD."{c}"' for c in freeze.columns) or "FALSE"
    events = "INSERT OR UPDATE" if freeze.child else "UPDATE"
    raise_ = f"RAISE EXCEPTION '{MESSAGE}: {freeze.model}' USING ERRCODE = 'integrity_constraint_violation';"
    body = f"""
    CREATE OR REPLACE FUNCTION {freeze.name}() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF {new} THEN {raise_} END IF;
            RETURN NEW;
        END IF;
        IF ({old}) AND (({changed}) OR NOT ({new})) THEN {raise_} END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """
    forwards = [
        body,
        f"DROP TRIGGER IF EXISTS {freeze.name} ON {sql.table};",
        f"CREATE TRIGGER {freeze.name} BEFORE {events} ON {sql.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {freeze.name}();",
    ]
    backwards = [
        f"DROP TRIGGER IF EXISTS {freeze.name} ON {sql.table};",
        f"DROP FUNCTION IF EXISTS {freeze.name}();",
    ]
    return forwards, backwards


def _sqlite(freeze: Freeze, sql: _Sql) -> tuple[list[str], list[str]]:
    """SQLite triggers. A child's trigger reads its parent's table, which SQLite refuses while a later
    migration rebuilds that parent table; so child triggers are not created by migrations on SQLite but
    after every `migrate` (`install_sqlite_child_triggers`), and dropped before it."""
    backwards = [
        f"DROP TRIGGER IF EXISTS {freeze.name}_update;",
        f"DROP TRIGGER IF EXISTS {freeze.name}_insert;",
    ]
    if freeze.child:
        return [], backwards
    return _sqlite_create(freeze, sql), backwards


def _sqlite_create(freeze: Freeze, sql: _Sql) -> list[str]:
    old, new = sql.condition.format(row="OLD"), sql.condition.format(row="NEW")
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in freeze.columns) or "0"
    abort = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {freeze.model}'); END;"
    statements = [
        f"DROP TRIGGER IF EXISTS {freeze.name}_update;",
        f"CREATE TRIGGER {freeze.name}_update BEFORE UPDATE ON {sql.table} FOR EACH ROW "
        f"WHEN ({old}) AND (({changed}) OR NOT ({new})) {abort}",
    ]
    if freeze.child:
        statements += [
            f"DROP TRIGGER IF EXISTS {freeze.name}_insert;",
            f"CREATE TRIGGER {freeze.name}_insert BEFORE INSERT ON {sql.table} "
            f"FOR EACH ROW WHEN {new} {abort}",
        ]
    return statements


def _sqlite_children(using: str, *, install: bool) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for freeze in _REGISTRY.values():
            if not freeze.child:
                continue
            sql = _frozen_sql(django_apps, freeze)
            if install and sql.table in tables:
                statements = _sqlite_create(freeze, sql)
            else:
                statements = _sqlite(freeze, sql)[1]
            for statement in statements:
                cursor.execute(statement)


def _drop_sqlite_children(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    _sqlite_children(using, install=False)


def install_sqlite_child_triggers(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """(Re)create the SQLite child triggers of every registered freeze; runs after every `migrate`."""
    _sqlite_children(using, install=True)


def trigger_sql(apps: Any, vendor: str, freezes: Iterable[Freeze]) -> tuple[list[str], list[str]]:
    """The statements creating (and dropping) the freeze triggers on `vendor`; none for other databases."""
    build = {"postgresql": _postgres, "sqlite": _sqlite}.get(vendor)
    forwards: list[str] = []
    backwards: list[str] = []
    if build is None:
        return forwards, backwards
    for freeze in freezes:
        up, down = build(freeze, _frozen_sql(apps, freeze))
        forwards += up
        backwards += down
    return forwards, backwards


def freeze_operation(*freezes: Freeze) -> migrations.RunPython:
    """A migration operation creating the triggers of `freezes` (dropped again when migrating backwards)."""
    declared: Sequence[Freeze] = freezes

    def forwards(apps: Any, schema_editor: Any) -> None:
        for statement in trigger_sql(apps, schema_editor.connection.vendor, declared)[0]:
            schema_editor.execute(statement)

    def backwards(apps: Any, schema_editor: Any) -> None:
        for statement in trigger_sql(apps, schema_editor.connection.vendor, declared)[1]:
            schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)
