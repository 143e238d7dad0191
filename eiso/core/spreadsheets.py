"""Formula neutralisation of exported cells (OWASP "CSV injection"), in Python and in SQL.

A spreadsheet evaluates a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return. Every
CSV and XLSX export passes its text cells through `neutralise` (or, for an export the database writes
itself with COPY, selects them through `neutralise_sql`): such a cell gets a leading apostrophe, which the
spreadsheet shows as text. Numbers, dates and empty cells are left alone, so a negative number in a numeric
cell stays a number.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """`value` unchanged unless it is text a spreadsheet would evaluate; then prefixed with `'`."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [neutralise(v) for v in values]


def neutralise_sql(column: str) -> str:
    """A SQL expression (SQLite and PostgreSQL) applying `neutralise` to the text expression `column`.

    `column` is SQL the caller wrote (a quoted column name or an expression), never user input.
    """
    triggers = ", ".join("'" + t + "'" for t in TRIGGERS)
    return f"(CASE WHEN substr({column}, 1, 1) IN ({triggers}) THEN '''' || {column} ELSE {column} END)"
