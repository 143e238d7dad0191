"""Export of dossiers, one row per dossier, streamed from the database in chunks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.core.spreadsheets import neutralise
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import timeliness_expression
from eiso.workdays.calendar import LOCAL_TZ

EXPORT_COLUMNS = [
    "code",
    "procedure_code",
    "channel",
    "status",
    "division",
    "received_at",
    "due_date",
    "computed_due_date",
    "due_at",
    "supplement_count",
    "extended_due_at",
    "finished_at",
    "timeliness",
]
_FIELDS = {
    "code": "code",
    "procedure_code": "procedure__code",
    "channel": "channel",
    "status": "status",
    "division": "division__code",
    "received_at": "received_at",
    "due_date": "due_date",
    "computed_due_date": "computed_due_date",
    "due_at": "due_at",
    "supplement_count": "supplement_count",
    "extended_due_at": "extended_due_at",
    "finished_at": "finished_at",
    "timeliness": "timeliness",
}


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(LOCAL_TZ).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value)


def export_rows(*, agency: Agency, as_of: dt.date, chunk_size: int = 5000) -> Iterator[dict[str, Any]]:
    """Every dossier of the agency with its timeliness as of `as_of` (finished later counts as pending)."""
    queryset = (
        scoped(Dossier.objects.all(), agency)
        .annotate(timeliness=timeliness_expression(as_of))
        .order_by("received_at", "code")
        .values_list(*_FIELDS.values())
    )
    for values in queryset.iterator(chunk_size=chunk_size):
        yield {column: _text(value) for column, value in zip(EXPORT_COLUMNS, values, strict=True)}


def _copy_select(agency: Agency, as_of: dt.date) -> tuple[str, tuple[Any, ...]]:
    """The export's SELECT, each column already text as `export_rows` gives it (PostgreSQL)."""
    from django.db.models.expressions import RawSQL

    from eiso.core.spreadsheets import neutralise_sql

    table = Dossier._meta.db_table

    def moment(column: str) -> RawSQL:
        local = f'("{table}"."{column}" AT TIME ZONE \'Asia/Ho_Chi_Minh\')'
        return RawSQL(f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI') || '+07:00'", [])  # noqa: S611

    texts = {
        "x_received_at": moment("received_at"),
        "x_due_at": moment("due_at"),
        "x_extended_due_at": moment("extended_due_at"),
        "x_finished_at": moment("finished_at"),
    }
    queryset = (
        scoped(Dossier.objects.all(), agency)
        .annotate(timeliness=timeliness_expression(as_of), **texts)
        .order_by("received_at", "code")
        .values_list(
            "code",
            "procedure__code",
            "channel",
            "status",
            "division__code",
            "x_received_at",
            "due_date",
            "computed_due_date",
            "x_due_at",
            "supplement_count",
            "x_extended_due_at",
            "x_finished_at",
            "timeliness",
        )
    )
    sql, params = queryset.query.sql_with_params()
    text_columns = [0, 1, 2, 4, 12]
    outer = ", ".join(
        neutralise_sql(f"c{i}::text") if i in text_columns else f"c{i}" for i in range(len(EXPORT_COLUMNS))
    )
    names = ", ".join(f"c{i}" for i in range(len(EXPORT_COLUMNS)))
    return f"SELECT {outer} FROM ({sql}) AS export ({names})", tuple(params)  # noqa: S608


def export_csv(*, agency: Agency, as_of: dt.date, out: Any) -> None:
    """Write the export as CSV (header, then `export_rows`' values) to the text stream `out`, streaming.

    On PostgreSQL the database writes the rows itself (`COPY (SELECT …) TO STDOUT`), a block at a time;
    elsewhere Python's csv writer formats `export_rows`. Text cells are formula-neutralised either way."""
    import codecs
    import csv

    from django.db import connection, transaction

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    if connection.vendor != "postgresql":
        for row in export_rows(agency=agency, as_of=as_of):
            writer.writerow([row[c] if row[c] is not None else "" for c in EXPORT_COLUMNS])
        return
    select, params = _copy_select(agency, as_of)
    binary = getattr(out, "buffer", None)  # standard output: COPY's blocks go out as they are
    decoder = codecs.getincrementaldecoder("utf-8")()
    out.flush()
    with transaction.atomic(), connection.cursor() as cursor:
        # Every row of the agency is read: one sort in memory beats walking the (agency, received_at) index,
        # whose heap order is the order of arrival, which the planner would otherwise take to avoid sorting.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL enable_indexscan = off")
        statement = cursor.cursor.mogrify(select, params)
        with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                if binary is not None:
                    binary.write(block)
                else:
                    out.write(decoder.decode(bytes(block)))
    out.write(decoder.decode(b"", final=True))
