# ruff: noqa: S608 - SQL text is built from model metadata and constants; file values travel by COPY.
"""The set-based dossier import on PostgreSQL (issue 15 §1): the same contract as `eiso.dossiers.imports`.

1. A plain CSV file goes to PostgreSQL as it is (`eiso.core.imports_copy.copy_csv`: `COPY … (FORMAT csv)`,
   the shared reader's checks in SQL). Any other file (quotes, XLSX, a short row…) is split into cells by
   the shared reader in Python, which also checks the header, empty required cells and rows wider than the
   header, and its raw text is `COPY`d into the temporary staging table.
2. SQL validates: lengths, date-times (PostgreSQL's own input for the file formats' shapes, the pattern
   parser `eiso_fast_ts` when a cell of such a shape holds an impossible value), the few distinct texts of
   the choice columns (channel, status, number of supplements, division) mapped once by the very parsers of
   the Python path, so their messages are the same words; unknown procedures by a join, duplicate codes by a
   window, times out of order, statuses without their end time, supplements received before they were asked.
   A cell that no SQL pattern recognises (rare: an unusual date format or a mistake) is judged by the Python
   parser, so every message, in Vietnamese or English, is the one the Python path gives, in the same order.
3. Only a clean file reaches the write, in one transaction: the time limit in force on the day of receipt
   (a lateral join on the procedure's rules), the due date from the agency's working-day table
   (`workdays.WorkdayNumber`: "N working days after D" is the working day numbered number(D) + N, one
   indexed lookup; limits in hours or fractions of a day, rare, go through the Python calendar), then one
   `INSERT … ON CONFLICT (agency, code) DO UPDATE … WHERE something differs`, which counts created, updated
   and unchanged rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import DataError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.imports import ColumnSpec, ImportProgress, ImportReport, RowError, normalise_header, read_rows
from eiso.core.imports_copy import copy_csv
from eiso.core.models import Agency, DomainEvent
from eiso.dossiers.choices import FINISHED, Channel, DossierStatus
from eiso.dossiers.imports import COLUMNS, COMPARED, MSG_BEFORE, NEEDS_END_TIME, TIMES
from eiso.dossiers.models import Dossier
from eiso.procedures.models import Procedure, ProcedureRule
from eiso.workdays.calendar import WORKING_DAYS, calendar_for
from eiso.workdays.models import WorkdayNumber
from eiso.workdays.services import workday_table_refresh

TZ = "Asia/Ho_Chi_Minh"
STAGE = "eiso_import_stage"
PARSED = "eiso_import_parsed"
FINAL = "eiso_import_final"
MAPPED = ("channel", "status", "supplement_count")
SPECS = {spec.name: spec for spec in COLUMNS}
# The reader only splits and checks presence; lengths and values are checked in SQL.
READ_SPECS = [ColumnSpec(s.name, s.aliases, required=s.required) for s in COLUMNS]
NAMES = [spec.name for spec in COLUMNS]
RULE_KEY = 1000  # rule checks sort after every cell of their row, in the Python path's order

_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION pg_temp.eiso_ts(y int, mo int, d int, h int, mi int, s int) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN y >= 1 AND mo BETWEEN 1 AND 12 AND d >= 1 AND h <= 23 AND mi <= 59 AND s <= 59 THEN
    CASE WHEN d <= extract(day FROM make_date(y, mo, 1) + interval '1 month' - interval '1 day') THEN
      make_timestamptz(y, mo, d, h, mi, s, '{TZ}') END END
$$;
CREATE OR REPLACE FUNCTION pg_temp.eiso_fast_ts(t text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN t ~ '^[0-9]{{2}}/[0-9]{{2}}/[0-9]{{4}}( [0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}})?)?$' THEN
      pg_temp.eiso_ts(substr(t, 7, 4)::int, substr(t, 4, 2)::int, substr(t, 1, 2)::int,
        coalesce(nullif(substr(t, 12, 2), ''), '0')::int, coalesce(nullif(substr(t, 15, 2), ''), '0')::int,
        coalesce(nullif(substr(t, 18, 2), ''), '0')::int)
    WHEN t ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([T ][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}})?)?$' THEN
      pg_temp.eiso_ts(substr(t, 1, 4)::int, substr(t, 6, 2)::int, substr(t, 9, 2)::int,
        coalesce(nullif(substr(t, 12, 2), ''), '0')::int, coalesce(nullif(substr(t, 15, 2), ''), '0')::int,
        coalesce(nullif(substr(t, 18, 2), ''), '0')::int)
  END
$$;
"""


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


# The shapes `eiso_fast_ts` recognises (digits as 0), for PostgreSQL's own input under DateStyle DMY.
TS_SHAPES = ", ".join(
    f"'{shape}'"
    for date in ("00/00/0000", "0000-00-00")
    for shape in (date, f"{date} 00:00", f"{date} 00:00:00")
    + ((f"{date}T00:00", f"{date}T00:00:00") if date.startswith("0000") else ())
)


def _native_ts(column: str) -> str:
    """A cell of a recognised shape through PostgreSQL's input (hour 24 and second 60, which it would take,
    are left to the pattern parser, which refuses them); NULL for any other shape."""
    c = f"s.{_q(column)}"
    return (
        f"CASE WHEN translate({c}, '0123456789', '0000000000') IN ({TS_SHAPES}) "
        f"AND substr({c}, 12, 2) < '24' AND substr({c}, 18, 2) < '60' "
        f"THEN {c}::timestamp AT TIME ZONE '{TZ}' END"
    )


class SqlDossierImport:
    """One import for one agency through the staging tables (see the module docstring)."""

    def __init__(self, agency: Agency, report: ImportReport) -> None:
        self.agency = agency
        self.report = report
        self.order: list[str] = []  # the file's columns in header order (the Python path's cell order)

    # -- 1. staging ------------------------------------------------------------------------------------------
    def stage(self, file: Any, progress: Callable[[ImportProgress], None] | None) -> ImportReport:
        """Stream the cells into the staging table; returns the reader's report (file and shape errors)."""
        scratch = ImportReport(max_errors=self.report.max_errors)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}, {PARSED}, {FINAL}")
            columns = ", ".join(f"{_q(n)} text" for n in NAMES)
            cursor.execute(f"CREATE TEMP TABLE {STAGE} (row_no int PRIMARY KEY, ok bool, {columns})")
            cursor.execute(_FUNCTIONS)
            order = copy_csv(cursor, file, READ_SPECS, table=STAGE, report=scratch, progress=progress)
            if order is not None:
                self.order = order
                self.report.rows = scratch.rows
                return scratch
            sql = f"COPY {STAGE} (row_no, ok, {', '.join(_q(n) for n in NAMES)}) FROM STDIN"
            with cursor.copy(sql) as copy:
                for row in read_rows(file, READ_SPECS, scratch, progress=progress):
                    if not self.order:
                        self.order = list(row.values)
                    copy.write_row([row.row, row.ok, *(row.values.get(n) for n in NAMES)])
        self.report.rows = scratch.rows
        return scratch

    # -- 2. validation ---------------------------------------------------------------------------------------
    def _map(self, cursor: Any, table: str, texts: Iterable[str], judge: Callable[[str], tuple]) -> None:
        cursor.execute(f"CREATE TEMP TABLE {table} (text text PRIMARY KEY, value text, message text)")
        rows = [(text, *judge(text)) for text in texts]
        if rows:
            with cursor.copy(f"COPY {table} (text, value, message) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _distinct(self, cursor: Any, column: str) -> list[str]:
        cursor.execute(f"SELECT DISTINCT {_q(column)} FROM {STAGE} WHERE {_q(column)} IS NOT NULL")
        return [r[0] for r in cursor.fetchall()]

    def parse(self) -> None:
        """Typed columns and per-cell error messages for every staged row (one pass over the stage)."""
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS map_channel, map_status, map_supplement_count, map_ts")
            for column in MAPPED:
                judge = _judge(_parser(column))
                self._map(cursor, f"map_{column}", self._distinct(cursor, column), judge)
            # Each timestamp cell is read once, in the CREATE (`_create_parsed`); the rare cells SQL does not
            # recognise are then judged by the Python parser (map_ts) and filled in by one UPDATE.
            self._create_parsed(cursor)
            unparsed = {f"{_q(c)} IS NULL AND {_q('raw_' + c)} IS NOT NULL": c for c in TIMES}
            cursor.execute(
                " UNION ".join(
                    f"SELECT {_q('raw_' + c)} FROM {PARSED} WHERE {cond}" for cond, c in unparsed.items()
                )
            )
            texts = [r[0] for r in cursor.fetchall()]
            self._map(cursor, "map_ts", texts, _judge_ts(_parser("received_at")))
            if texts:
                fills = ", ".join(
                    f"{_q(c)} = coalesce({_q(c)}, (SELECT m.value::timestamptz FROM map_ts m "
                    f"WHERE m.text = {_q('raw_' + c)}))"
                    for c in TIMES
                )
                cursor.execute(
                    f"UPDATE {PARSED} SET {fills} WHERE " + " OR ".join(f"({cond})" for cond in unparsed)
                )
            # Temporary tables get no statistics by themselves; without them the planner takes a million rows
            # for a few hundred and probes the procedures and the calendar once per row.
            cursor.execute(f"ANALYZE {PARSED}")

    def _create_parsed(self, cursor: Any) -> None:
        """The typed copy of the stage. First with PostgreSQL's own date-time input (a tenth of the cost),
        restricted to the file formats by their shape; a cell of the right shape but an impossible value
        (31/02, 10:75) makes that statement fail, and the table is then built with the pattern parser."""
        try:
            with transaction.atomic():
                cursor.execute("SELECT current_setting('datestyle')")
                datestyle = cursor.fetchone()[0]
                cursor.execute("SET LOCAL datestyle = 'ISO, DMY'")
                cursor.execute(self._parsed_sql(_native_ts))
                cursor.execute("SELECT set_config('datestyle', %s, true)", [datestyle])
        except DataError:
            cursor.execute(self._parsed_sql(lambda column: f"pg_temp.eiso_fast_ts(s.{_q(column)})"))

    def _parsed_sql(self, timestamp: Callable[[str], str]) -> str:
        times = ",\n".join(f"{timestamp(c)} AS {_q(c)}" for c in TIMES)
        mapped = ",\n".join(f"m_{c}.value AS {_q(c)}, m_{c}.message AS {_q(c + '_err')}" for c in MAPPED)
        joins = "\n".join(f"LEFT JOIN map_{c} m_{c} ON m_{c}.text = s.{_q(c)}" for c in MAPPED)
        return f"""CREATE TEMP TABLE {PARSED} AS
            SELECT s.row_no, s.ok, s.code, s.procedure_code, s.division,
              {", ".join(f"s.{_q(c)} AS {_q('raw_' + c)}" for c in TIMES)},
              {times},
              {mapped}
            FROM {STAGE} s {joins}"""

    def _cell_errors_sql(self) -> str:
        """(row_no, key, column, kind, arg) of every bad cell: kind 'len' (arg = length) or 'msg'."""
        parts = []
        position = {name: i for i, name in enumerate(self.order)}
        for name in NAMES:
            if name not in position:
                continue
            key = position[name]
            spec = SPECS[name]
            if spec.max_length is not None:
                parts.append(
                    f"SELECT row_no, {key}, '{name}', 'len', char_length({_q(name)})::text FROM {PARSED} "
                    f"WHERE char_length({_q(name)}) > {spec.max_length}"
                )
            elif name in MAPPED:
                parts.append(
                    f"SELECT row_no, {key}, '{name}', 'msg', {_q(name + '_err')} FROM {PARSED} "
                    f"WHERE {_q(name + '_err')} IS NOT NULL"
                )
            elif name in TIMES:
                raw = _q("raw_" + name)
                parts.append(
                    f"SELECT p.row_no, {key}, '{name}', 'msg', m.message FROM {PARSED} p "
                    f"JOIN map_ts m ON m.text = p.{raw} WHERE p.{_q(name)} IS NULL AND p.{raw} IS NOT NULL"
                )
        return " UNION ALL ".join(parts)

    def _rule_errors_sql(self) -> str:
        """(row_no, key, column, kind, arg) of the rule checks on rows whose cells are all valid."""
        agency = int(self.agency.pk)
        before = []
        for i, column in enumerate(TIMES[1:]):
            c = _q(column)
            display = f"coalesce(m.display, to_char(c.{c} AT TIME ZONE '{TZ}', 'DD/MM/YYYY HH24:MI'))"
            before.append(
                f"SELECT c.row_no, {RULE_KEY + 3 + i}, '{column}', 'before', {display} FROM clean c "
                f"LEFT JOIN map_ts_display m ON m.text = c.{_q('raw_' + column)} "
                f"WHERE c.{c} < c.received_at"
            )
        needs = " ".join(
            f"WHEN {int(status)} THEN NOT ({' OR '.join(f'{_q(c)} IS NOT NULL' for c in columns)})"
            for status, columns in NEEDS_END_TIME.items()
        )
        return f"""
        SELECT c.row_no, {RULE_KEY}, 'procedure_code', 'procedure', c.procedure_code FROM clean c
          WHERE NOT EXISTS (SELECT 1 FROM {Procedure._meta.db_table} p
                            WHERE p.agency_id = {agency} AND p.code = c.procedure_code)
        UNION ALL
        SELECT c.row_no, {RULE_KEY + 1}, 'division', 'division', c.division FROM clean c
          LEFT JOIN map_division d ON d.text = c.division WHERE c.division IS NOT NULL AND d.value IS NULL
        UNION ALL
        SELECT row_no, {RULE_KEY + 2}, 'code', 'duplicate', code || chr(31) || first FROM (
          SELECT row_no, code, min(row_no) OVER (PARTITION BY code) AS first FROM clean) d
          WHERE row_no > first
        UNION ALL {" UNION ALL ".join(before)}
        UNION ALL
        SELECT row_no, {RULE_KEY + 20}, 'status', 'needs', status FROM clean
          WHERE CASE status::int {needs} ELSE false END
        UNION ALL
        SELECT row_no, {RULE_KEY + 21}, 'supplement_received_at',
          CASE WHEN supplement_requested_at IS NULL THEN 'no_request' ELSE 'early_supplement' END, ''
          FROM clean WHERE supplement_received_at IS NOT NULL
          AND (supplement_requested_at IS NULL OR supplement_received_at < supplement_requested_at)
        """

    def validate(self, scratch: ImportReport) -> None:
        """Every error of the file, in the Python path's order, into the report."""
        position = {name: i for i, name in enumerate(self.order)}
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW IF EXISTS clean")
            cursor.execute("DROP TABLE IF EXISTS map_division, map_ts_display, errors")
            self._map(cursor, "map_division", self._distinct(cursor, "division"), self._division_of)
            cursor.execute(
                "CREATE TEMP TABLE map_ts_display AS SELECT text, value AS display FROM map_ts "
                "WHERE false"  # filled below: the wall-clock text of values the Python parser read
            )
            self._fill_display(cursor)
            cells = self._cell_errors_sql() or "SELECT NULL::int, 0, '', '', '' WHERE false"
            cursor.execute(
                f"CREATE TEMP TABLE errors (row_no int, key int, col text, kind text, arg text);"
                f"INSERT INTO errors {cells}"
            )
            cursor.execute(
                # A view, not a copy: a clean file's million rows are not written again.
                f"CREATE TEMP VIEW clean AS SELECT p.* FROM {PARSED} p WHERE p.ok "
                f"AND NOT EXISTS (SELECT 1 FROM errors e WHERE e.row_no = p.row_no)"
            )
            cursor.execute(f"INSERT INTO errors {self._rule_errors_sql()}")
            cursor.execute("SELECT count(*) FROM errors")
            count = cursor.fetchone()[0]
            cursor.execute(
                "SELECT row_no, key, col, kind, arg FROM errors ORDER BY row_no, key LIMIT %s",
                [self.report.max_errors],
            )
            found = [(row, key, _message(col, kind, arg), col) for row, key, col, kind, arg in cursor]
        keyed = [
            (e.row, -1 if not e.column else position.get(e.column, -1), e.message, e.column)
            for e in scratch.errors
        ]
        merged = sorted(keyed + found, key=lambda item: (item[0], item[1]))
        self.report.errors = [RowError(row, column, message) for row, _k, message, column in merged][
            : self.report.max_errors
        ]
        self.report.error_count = scratch.error_count + count

    def _fill_display(self, cursor: Any) -> None:
        cursor.execute("SELECT text FROM map_ts WHERE value IS NOT NULL")
        texts = [r[0] for r in cursor.fetchall()]
        parser = _parser("received_at")
        rows = [(text, f"{parser(text):%d/%m/%Y %H:%M}") for text in texts]
        if rows:
            with cursor.copy("COPY map_ts_display (text, display) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _division_of(self, text: str) -> tuple[str | None, str | None]:
        if not hasattr(self, "_divisions"):
            self._divisions: dict[str, int] = {}
            for pk, code, name in self.agency.divisions.values_list("pk", "code", "name"):
                self._divisions[normalise_header(code)] = pk
                self._divisions.setdefault(normalise_header(name), pk)
        found = self._divisions.get(normalise_header(text))
        return (str(found) if found is not None else None, None)

    # -- 3. writing ------------------------------------------------------------------------------------------
    def write(self) -> None:
        agency = int(self.agency.pk)
        workday_table_refresh(agency=self.agency)
        rules_sql = self._rules_sql()
        days = WorkdayNumber._meta.db_table
        # Only what the upsert writes: the parsed rows also carry raw texts and messages.
        base_columns = ", ".join(f"c.{_q(c)}" for c in ("row_no", "code", *MAPPED, *TIMES))
        with connection.cursor() as cursor:
            cursor.execute(
                f"""CREATE TEMP TABLE {FINAL} AS
                WITH base AS (
                  SELECT {base_columns}, p.id AS procedure_id, d.value::bigint AS division_id,
                    (c.received_at AT TIME ZONE '{TZ}')::date AS received_on
                  FROM clean c
                  JOIN {Procedure._meta.db_table} p ON p.agency_id = {agency} AND p.code = c.procedure_code
                  LEFT JOIN map_division d ON d.text = c.division
                ), pairs AS (SELECT DISTINCT procedure_id, received_on FROM base),
                rules AS MATERIALIZED ({rules_sql}),  -- once per (procedure, day), not per row
                timed AS (
                  SELECT b.*, r.value, r.unit, r.cutoff,
                    (coalesce(b.supplement_received_at, b.received_at) AT TIME ZONE '{TZ}') AS clock
                  FROM base b JOIN rules r USING (procedure_id, received_on)
                ), started AS (
                  SELECT t.*, t.clock::date + CASE WHEN t.cutoff IS NOT NULL AND t.clock::time >= t.cutoff
                    THEN 1 ELSE 0 END AS start_day,
                    t.unit = '{WORKING_DAYS}' AND t.value = trunc(t.value) AS whole_days
                  FROM timed t
                )
                SELECT s.*, CASE WHEN s.whole_days THEN w1.day END AS computed_due_date
                FROM started s
                LEFT JOIN {days} w0 ON w0.agency_id = {agency} AND w0.day = s.start_day
                LEFT JOIN {days} w1 ON w1.agency_id = {agency} AND w1.working
                  AND w1.number = w0.number + CASE WHEN s.value = 0 THEN (NOT w0.working)::int
                                                   ELSE s.value::int END
                  AND s.whole_days"""
            )
            self._fill_other_due_dates(cursor)
            created, updated = self._upsert(cursor)
        self.report.created = created
        self.report.updated = updated
        self.report.unchanged = self.report.rows - created - updated

    def _rules_sql(self) -> str:
        """The (value, unit, cutoff) in force for each (procedure, day of receipt): procedure_rule_at in SQL.

        The latest rule covering the day; before the first rule, the first one; otherwise (a gap, or no
        rules) the procedure's own fields."""
        rule = ProcedureRule._meta.db_table
        proc = Procedure._meta.db_table
        pick = (
            "r.time_limit_value AS value, r.time_limit_unit AS unit, "
            "r.counts_from_next_day_after AS cutoff, r.valid_from"
        )
        src = (
            "CASE WHEN cur.valid_from IS NOT NULL THEN 1 WHEN x.received_on < f0.valid_from THEN 2 ELSE 3 END"
        )
        return f"""
          SELECT x.procedure_id, x.received_on,
            (ARRAY[cur.value, f0.value, p.time_limit_value])[{src}] AS value,
            (ARRAY[cur.unit, f0.unit, p.time_limit_unit])[{src}] AS unit,
            (ARRAY[cur.cutoff, f0.cutoff, p.counts_from_next_day_after])[{src}] AS cutoff
          FROM pairs x JOIN {proc} p ON p.id = x.procedure_id
          LEFT JOIN LATERAL (SELECT {pick} FROM {rule} r WHERE r.procedure_id = x.procedure_id
              AND r.valid_from <= x.received_on AND (r.valid_to IS NULL OR x.received_on <= r.valid_to)
              ORDER BY r.valid_from DESC LIMIT 1) cur ON true
          LEFT JOIN LATERAL (SELECT {pick} FROM {rule} r WHERE r.procedure_id = x.procedure_id
              ORDER BY r.valid_from LIMIT 1) f0 ON true
        """

    def _fill_other_due_dates(self, cursor: Any) -> None:
        """Limits in hours or in fractions of a day (and dates beyond the table): the Python calendar."""
        cursor.execute(
            f"SELECT row_no, coalesce(supplement_received_at, received_at), value, unit, cutoff "
            f"FROM {FINAL} WHERE computed_due_date IS NULL"
        )
        rows = cursor.fetchall()
        if not rows:
            return
        calendar = calendar_for(self.agency)
        dues = [
            (row_no, calendar.due(start, Decimal(value), unit, cutoff).due_date)
            for row_no, start, value, unit, cutoff in rows
        ]
        cursor.execute("CREATE TEMP TABLE due_fill (row_no int PRIMARY KEY, due date)")
        with cursor.copy("COPY due_fill (row_no, due) FROM STDIN") as copy:
            for row in dues:
                copy.write_row(row)
        cursor.execute(
            f"UPDATE {FINAL} f SET computed_due_date = d.due FROM due_fill d WHERE d.row_no = f.row_no"
        )
        cursor.execute("DROP TABLE due_fill")

    def _upsert(self, cursor: Any) -> tuple[int, int]:
        finished = ", ".join(str(int(s)) for s in FINISHED)
        finished_at = (
            f"CASE WHEN status::int IN ({finished}) THEN coalesce(resolved_at, returned_at, stopped_at) END"
        )
        values = {
            "agency_id": str(int(self.agency.pk)),
            "code": "code",
            "procedure_id": "procedure_id",
            "channel": f"coalesce(channel, '{Channel.DIRECT.value}')",
            "division_id": "division_id",
            "status": "status::smallint",
            **{column: _q(column) for column in TIMES},
            "received_on": "received_on",
            "time_limit_value": "value",
            "time_limit_unit": "unit",
            "cutoff": "cutoff",
            "supplement_count": "coalesce(supplement_count::smallint, "
            "(supplement_requested_at IS NOT NULL)::int::smallint)",
            "computed_due_date": "computed_due_date",
            "due_date": f"coalesce((due_at AT TIME ZONE '{TZ}')::date, computed_due_date)",
            "finished_at": finished_at,
            "finished_on": f"(({finished_at}) AT TIME ZONE '{TZ}')::date",
        }
        now = timezone.now()
        fields = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
        columns, selected, params = [], [], []
        for f in fields:
            columns.append(_q(str(f.column)))
            if f.attname in values:
                selected.append(values[f.attname])
            else:
                selected.append("%s")
                params.append(now if f.attname in ("created_at", "updated_at") else f.get_default())
        compared = [_q(c) for c in COMPARED]
        table = Dossier._meta.db_table
        sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*compared, _q("updated_at")])
        cursor.execute(
            f"""WITH up AS (
              INSERT INTO {table} AS d ({", ".join(columns)})
              SELECT {", ".join(selected)} FROM {FINAL} ORDER BY row_no
              ON CONFLICT (agency_id, code) DO UPDATE SET {sets}
              WHERE ({", ".join(f"d.{c}" for c in compared)})
                IS DISTINCT FROM ({", ".join(f"EXCLUDED.{c}" for c in compared)})
              RETURNING (xmax = 0) AS created)
            SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM up""",
            params,
        )
        created, updated = cursor.fetchone()
        return int(created), int(updated)

    def cleanup(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP VIEW IF EXISTS clean")
            cursor.execute(
                f"DROP TABLE IF EXISTS {STAGE}, {PARSED}, {FINAL}, map_channel, map_status, "
                "map_supplement_count, map_ts, map_division, map_ts_display, errors"
            )


def _parser(column: str) -> Callable[[str], Any]:
    parser = SPECS[column].parser
    if parser is None:
        raise LookupError(column)
    return parser


def _judge(parser: Callable[[str], Any]) -> Callable[[str], tuple[str | None, str | None]]:
    from django.core.exceptions import ValidationError

    def judge(text: str) -> tuple[str | None, str | None]:
        try:
            value = parser(text)
        except ValidationError as exc:
            return None, " ".join(str(m) for m in exc.messages)
        except ValueError as exc:
            return None, str(exc) or _("Giá trị không hợp lệ.")
        return str(value), None

    return judge


def _judge_ts(parser: Callable[[str], Any]) -> Callable[[str], tuple[str | None, str | None]]:
    inner = _judge(parser)

    def judge(text: str) -> tuple[str | None, str | None]:
        value, message = inner(text)
        if value is None:
            return None, message
        return parser(text).isoformat(), None

    return judge


def _message(column: str, kind: str, arg: str) -> str:
    if kind == "msg":
        return arg
    if kind == "len":
        max_length = SPECS[column].max_length
        return _("Dài {n} ký tự, vượt quá {max} ký tự cho phép.").format(n=int(arg), max=max_length)
    if kind == "procedure":
        return _("Không có thủ tục mã “{code}”.").format(code=arg)
    if kind == "division":
        return _("Không có phòng “{name}”.").format(name=arg)
    if kind == "duplicate":
        code, first = arg.split(chr(31))
        return _("Mã hồ sơ “{code}” trùng với dòng {row}.").format(code=code, row=int(first))
    if kind == "before":
        return str(MSG_BEFORE).format(column=column, value=arg)
    if kind == "needs":
        columns = NEEDS_END_TIME[DossierStatus(int(arg))]
        return _("Trạng thái {status} cần thời điểm kết thúc ({columns}).").format(
            status=int(arg), columns=" / ".join(columns)
        )
    if kind == "no_request":
        return _("Có ngày nhận bổ sung nhưng không có ngày yêu cầu.")
    return _("Nhận bổ sung trước khi yêu cầu bổ sung.")


def dossier_import_sql(
    *,
    agency: Agency,
    file: Any,
    dry_run: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
) -> ImportReport:
    """Import a dossier file for the agency on PostgreSQL (see the module docstring). Returns the report."""
    report = ImportReport(dry_run=dry_run)
    job = SqlDossierImport(agency, report)
    with transaction.atomic():
        job.cleanup()
        scratch = job.stage(file, progress)
        if not job.order:  # the header or the whole file was refused: nothing to check row by row
            report.errors, report.error_count = scratch.errors, scratch.error_count
            job.cleanup()
            return report
        job.parse()
        job.validate(scratch)
        if report.ok and not dry_run:
            job.write()
            DomainEvent.objects.create(
                agency=agency,
                verb="dossier.imported",
                target_type="core.agency",
                target_id=agency.pk,
                data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
            )
            report.written = True
            if progress is not None:
                progress(ImportProgress("write", report.rows, 1.0))
        job.cleanup()
    return report
