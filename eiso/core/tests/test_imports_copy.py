"""`copy_csv` (PostgreSQL's COPY) reads a plain CSV file exactly as `read_rows` (Python's csv) does, and hands
every other file back to it.

Hypothesis writes files from the characters where the two could differ — separators, blank and
whitespace-only cells and rows (Unicode spaces included), a byte-order mark, CRLF line ends, header cells
that name no column, required cells left empty — and compares, row by row, what each reader keeps: the row
number, the stripped values, the row's `ok`, the errors and the count of rows.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.imports import ColumnSpec, ImportReport, read_rows
from eiso.core.imports_copy import WHITESPACE, copy_csv
from eiso.core.testing import needs_postgresql

pytestmark = [
    pytest.mark.django_db,
    needs_postgresql("COPY is PostgreSQL's"),
]

SPECS = [
    ColumnSpec("code", ("mã",), required=True),
    ColumnSpec("name", ()),
    ColumnSpec("day", ("ngày",), required=True),
]
NAMES = [spec.name for spec in SPECS]
cell = st.text(alphabet="ab1 \t\u00a0\u3000\u2003xé", max_size=4)
header = st.permutations(["code", "name", "ngày", "ghi chú", ""]).map(lambda h: h[: 3 + len(h[3]) % 3])


@st.composite
def plain_files(draw: Any) -> bytes:
    columns = draw(header)
    rows = draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns)), max_size=8))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(",".join(row) for row in [columns, *rows]) + end
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.encode()


def _by_reader(data: bytes) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int, int]:
    report = ImportReport()
    rows = [
        (row.row, row.ok, *(row.values.get(n) for n in NAMES))
        for row in read_rows(io.BytesIO(data), SPECS, report)
    ]
    return rows, [(e.row, e.column, e.message) for e in report.errors], report.error_count, report.rows


def _by_copy(data: bytes) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int, int] | None:
    report = ImportReport()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS t_stage")
        columns = ", ".join(f"{n} text" for n in NAMES)
        cursor.execute(f"CREATE TEMP TABLE t_stage (row_no int, ok bool, {columns})")
        if copy_csv(cursor, io.BytesIO(data), SPECS, table="t_stage", report=report) is None:
            return None
        cursor.execute(f"SELECT row_no, ok, {', '.join(NAMES)} FROM t_stage ORDER BY row_no")  # noqa: S608
        rows = [tuple(r) for r in cursor.fetchall()]
    return rows, [(e.row, e.column, e.message) for e in report.errors], report.error_count, report.rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=plain_files())
def test_copy_reads_a_plain_file_as_the_python_reader_does(data: bytes) -> None:
    expected = _by_reader(data)
    with transaction.atomic():
        got = _by_copy(data)
    if got is None:  # handed back: the header has a problem, or no data row, or a row the reader refuses
        assert expected[2] > 0 or not expected[0], data
        return
    assert got == expected, data


@pytest.mark.parametrize(
    "data",
    [
        b'code,name,day\n"A,1",x,2017\n',  # a quoted cell
        b"code,name,day\nA,x\n",  # a short row
        b"code,name,day\nA,x,2017,extra\n",  # a row wider than the header
        b"code,name,day\n\nA,x,2017\n",  # a blank line
        b"code,name,day\nA\\.,x,2017\n",  # a backslash
        b"code,name,day\nA,\xff,2017\n",  # not UTF-8
        b"code,day\n",  # no data row
        b"code,code,day\nA,B,2017\n",  # a header with a problem
    ],
)
def test_other_files_are_handed_back_to_the_python_reader(data: bytes) -> None:
    with transaction.atomic():
        assert _by_copy(data) is None


def test_a_handed_back_file_is_read_from_its_start(tmp_path: Any) -> None:
    path = tmp_path / "quoted.csv"
    path.write_bytes(b'code,name,day\n"A",x,2017\n')
    upload = path.open("rb")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE t_stage2 (row_no int, ok bool, code text, name text, day text)")
        assert copy_csv(cursor, upload, SPECS, table="t_stage2", report=ImportReport()) is None
    assert upload.tell() == 0
    upload.close()


def test_the_stripped_characters_are_those_of_str_strip() -> None:
    assert set(WHITESPACE) == {c for c in map(chr, range(0x110000)) if c.isspace()}
