# ruff: noqa: S608 - SQL text is built from constants and column positions; file values travel by COPY.
"""The CSV reader of `eiso.core.imports`, done by PostgreSQL's `COPY … (FORMAT csv)` for plain files.

`read_rows` splits every cell in Python, which costs as much as the rest of a set-based import. For the files
where PostgreSQL's CSV parser and Python's read exactly the same cells — no quote character and no backslash
anywhere (so no quoted fields, embedded line breaks or end-of-data markers), UTF-8, every record as wide as
the header — the file goes to the database as it is, and the reader's checks (blank rows skipped, cells
stripped as `str.strip` does, required cells, the row limit, cell and line lengths) are SQL over the copied
rows. Any other file (a quote, a blank line, a short row, an XLSX, a header with a problem, a bound exceeded)
returns None before anything is kept, and the caller reads it with `read_rows`, which gives the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import DataError, connection, transaction

from eiso.core.imports import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LINE_CHARS,
    MSG_REQUIRED,
    XLSX_MAGIC,
    ColumnSpec,
    ImportProgress,
    ImportReport,
    _binary,
    _map_header,
    _size,
    max_rows,
)

CHUNK = 1 << 20
RAW = "eiso_import_raw"
# What Python's str.strip() removes: every character whose isspace() is true.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class _NotPlain(Exception):
    """The file needs the Python reader."""


def copy_csv(
    cursor: Any,
    file: Any,
    specs: Sequence[ColumnSpec],
    *,
    table: str,
    report: ImportReport,
    progress: Callable[[ImportProgress], None] | None = None,
) -> list[str] | None:
    """Fill `table` (row_no, ok, one text column per spec name) from a plain CSV file, or return None.

    Returns the names of the file's columns in header order (what `read_rows` yields as a row's keys); the
    required-cell errors go to `report` exactly as `read_rows` reports them."""
    binary, own = _open(file)
    if binary is None:
        return None
    from psycopg import DataError as CopyDataError  # what COPY raises: the copy bypasses Django's wrapper

    start = binary.tell()
    try:
        with transaction.atomic():
            return _copy(cursor, binary, specs, table, report, progress)
    except (_NotPlain, DataError, CopyDataError, UnicodeDecodeError):
        binary.seek(start)
        return None
    finally:
        if own:
            binary.close()


def _open(file: Any) -> tuple[Any, bool]:
    """The file as bytes and whether it was opened here; None for a stream that cannot go back."""
    binary = _binary(file)
    own = binary is not file
    seekable = getattr(binary, "seekable", None)
    if own or (callable(seekable) and seekable()):
        return binary, own
    return None, False


def _header(binary: Any) -> tuple[list[str], int]:
    line = binary.readline(MAX_LINE_CHARS + 1)
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    body = line[:-2] if line.endswith(b"\r\n") else line[:-1]
    if line.startswith(XLSX_MAGIC) or not line.endswith(b"\n") or any(c in body for c in b'"\\\r\n'):
        raise _NotPlain
    cells = body.decode("utf-8").split(",")
    if not any(c.strip() for c in cells) or len(cells) > MAX_COLUMNS:
        raise _NotPlain
    if max(map(len, cells)) > MAX_CELL_CHARS:
        raise _NotPlain
    return cells, len(line)


def _copy(
    cursor: Any,
    binary: Any,
    specs: Sequence[ColumnSpec],
    table: str,
    report: ImportReport,
    progress: Callable[[ImportProgress], None] | None,
) -> list[str]:
    total = _size(binary)
    cells, read = _header(binary)
    header_report = ImportReport()
    positions = _map_header(cells, specs, 1, header_report)
    if not header_report.ok:
        raise _NotPlain
    width = len(cells)
    while width and not cells[width - 1].strip():
        width -= 1
    raw = [f"c{i}" for i in range(len(cells))]
    cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
    cursor.execute(
        f"CREATE TEMP TABLE {RAW} (row_no int GENERATED ALWAYS AS IDENTITY (START WITH 2), "
        + ", ".join(f"{c} text" for c in raw)
        + ")"
    )
    lines = 0
    with cursor.copy(f"COPY {RAW} ({', '.join(raw)}) FROM STDIN WITH (FORMAT csv)") as copy:
        while chunk := binary.read(CHUNK):
            if b'"' in chunk or b"\\" in chunk or b"\x00" in chunk:
                raise _NotPlain
            copy.write(chunk)
            read += len(chunk)
            lines += chunk.count(b"\n")
            if progress is not None:
                fraction = min(read / total, 1.0) if total else None
                progress(ImportProgress("validate", lines, fraction))
    _check_bounds(cursor, raw, width)
    seen = _fill(cursor, table, positions, raw, specs)
    if seen == 0 or seen > max_rows():
        raise _NotPlain
    _required_errors(cursor, table, positions, report)
    report.rows = seen
    cursor.execute(f"DROP TABLE {RAW}")
    if progress is not None:
        progress(ImportProgress("validate", seen, 1.0))
    return [spec.name for _i, spec in positions]


def _stripped(column: str) -> str:
    return f"nullif(btrim({column}, %(ws)s), '')"


def _check_bounds(cursor: Any, raw: list[str], width: int) -> None:
    """Rows the Python reader refuses or reports (a cell or a line too long, a cell beyond the header's
    last named column) go to it."""
    lengths = " + ".join(f"coalesce(char_length({c}), 0)" for c in raw)
    too_long = " OR ".join(f"char_length({c}) > {MAX_CELL_CHARS}" for c in raw)
    beyond = " OR ".join(f"{_stripped(c)} IS NOT NULL" for c in raw[width:]) or "false"
    cursor.execute(
        f"SELECT EXISTS (SELECT 1 FROM {RAW} WHERE {too_long} OR {lengths} + {len(raw)} > {MAX_LINE_CHARS} "
        f"OR {beyond})",
        {"ws": WHITESPACE},
    )
    if cursor.fetchone()[0]:
        raise _NotPlain


def _fill(
    cursor: Any,
    table: str,
    positions: list[tuple[int, ColumnSpec]],
    raw: list[str],
    specs: Sequence[ColumnSpec],
) -> int:
    """Copy the non-blank rows, stripped, into `table`; returns how many there were."""
    by_name = {spec.name: raw[i] for i, spec in positions}
    required = [by_name[s.name] for s in specs if s.required and s.name in by_name]
    ok = " AND ".join(f"{_stripped(c)} IS NOT NULL" for c in required) or "true"
    names = [spec.name for spec in specs]
    values = ", ".join(_stripped(by_name[n]) if n in by_name else "NULL" for n in names)
    cursor.execute(
        f"INSERT INTO {table} (row_no, ok, {', '.join(_quote(n) for n in names)}) "
        f"SELECT row_no, {ok}, {values} FROM {RAW} "
        f"WHERE btrim(concat({', '.join(raw)}), %(ws)s) <> ''",
        {"ws": WHITESPACE},
    )
    return int(cursor.rowcount)


def _required_errors(
    cursor: Any, table: str, positions: list[tuple[int, ColumnSpec]], report: ImportReport
) -> None:
    """`MSG_REQUIRED` for every required cell left empty, in row then header order."""
    required = [(i, spec.name) for i, spec in positions if spec.required]
    if not required:
        return
    missing = " UNION ALL ".join(
        f"SELECT row_no, {i} AS position, '{name}' AS name FROM {table} "
        f"WHERE NOT ok AND {_quote(name)} IS NULL"
        for i, name in required
    )
    cursor.execute(f"SELECT count(*) FROM ({missing}) m")
    count = int(cursor.fetchone()[0])
    if not count:
        return
    cursor.execute(
        f"SELECT row_no, name FROM ({missing}) m ORDER BY row_no, position LIMIT %s", [report.max_errors]
    )
    rows = cursor.fetchall()
    for row, name in rows:
        report.add_error(row, name, str(MSG_REQUIRED))
    report.error_count += count - len(rows)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)
