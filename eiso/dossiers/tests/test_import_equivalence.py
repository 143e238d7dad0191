"""Issue 15 §1: the set-based PostgreSQL import and the Python import give identical results.

Hypothesis writes random files, valid and invalid (bad dates, impossible dates, unknown procedures and
divisions, duplicate codes, times out of order, statuses without their time, supplements out of order,
overlong codes, rows wider than the header, dates in several formats and offsets). Each file is imported
into two agencies set up alike, one through each path; the reports (errors with row, column and message,
counts) and the exports must be equal. A second file over the first checks updated / unchanged counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.imports import ImportReport
from eiso.core.models import Agency
from eiso.core.services import division_create
from eiso.core.testing import make_agency, needs_postgresql
from eiso.dossiers.exports import EXPORT_COLUMNS, export_csv, export_rows
from eiso.dossiers.imports import dossier_import
from eiso.procedures.models import Procedure, ProcedureRule
from eiso.workdays.models import CalendarOverride

pytestmark = [
    pytest.mark.django_db,
    needs_postgresql("the set-based import runs on PostgreSQL"),
]

HEADER = [
    "code",
    "procedure_code",
    "channel",
    "received_at",
    "due_at",
    "supplement_requested_at",
    "supplement_received_at",
    "supplement_count",
    "extended_due_at",
    "resolved_at",
    "returned_at",
    "stopped_at",
    "status",
    "division",
]


def _agency() -> Agency:
    agency = make_agency()
    division_create(agency=agency, code="P1", name="Phòng Một")
    division_create(agency=agency, code="VP", name="Văn phòng")
    common = {"agency": agency, "field": "Báo chí", "valid_from": dt.date(2015, 1, 1)}
    Procedure.objects.create(code="1.001", name="A", time_limit_value=Decimal(10), **common)
    Procedure.objects.create(
        code="1.002", name="B", time_limit_value=Decimal(0), counts_from_next_day_after=dt.time(15), **common
    )
    Procedure.objects.create(
        code="1.003", name="C", time_limit_value=Decimal(16), time_limit_unit="working_hours", **common
    )
    changed = Procedure.objects.create(code="1.004", name="D", time_limit_value=Decimal(5), **common)
    ProcedureRule.objects.create(
        procedure=changed, time_limit_value=Decimal(7), time_limit_unit="working_days",
        valid_from=dt.date(2017, 3, 1), valid_to=dt.date(2017, 3, 20),
    )  # fmt: skip
    ProcedureRule.objects.create(
        procedure=changed, time_limit_value=Decimal("2.5"), time_limit_unit="working_days",
        counts_from_next_day_after=dt.time(16), valid_from=dt.date(2017, 4, 1),
    )  # fmt: skip
    CalendarOverride.objects.create(agency=agency, date=dt.date(2017, 3, 13), kind="holiday", note="Nghỉ")
    return agency


@pytest.fixture
def pair(db: Any) -> tuple[Agency, Agency]:
    return _agency(), _agency()


def _moment(day: int, hour: int, minute: int, style: int) -> str:
    moment = dt.datetime(2017, 3, 1, 7, 0) + dt.timedelta(days=day, hours=hour, minutes=minute)
    return [
        f"{moment:%d/%m/%Y %H:%M}",
        f"{moment:%Y-%m-%d %H:%M}",
        f"{moment:%Y-%m-%dT%H:%M:%S}",
        f"{moment:%Y-%m-%dT%H:%M}+07:00",
        f"{(moment - dt.timedelta(hours=7)):%Y-%m-%dT%H:%M}Z",
        f"{moment.day}/{moment.month}/{moment.year} {moment.hour}:{moment.minute:02d}",
        f"{moment:%d/%m/%Y}",
        f"{moment:%d/%m/%Y %H:%M:%S}",
    ][style]


times = st.one_of(
    st.just(""),
    st.builds(
        _moment,
        st.integers(0, 60),
        st.integers(0, 12),
        st.integers(0, 59),
        st.integers(0, 7),
    ),
    st.sampled_from(["31/02/2017 10:00", "2017-13-01 10:00", "hôm qua", "32/01/2017", "2017-02-30", "0"]),
    # Shapes PostgreSQL's own input reads differently from the Python parser (24:00, a leap second, a
    # minute of 60, year 0): the SQL path must still give the Python path's messages.
    st.sampled_from(
        ["01/03/2017 24:00", "2017-03-01 23:59:60", "2017-03-01T10:60", "0000-03-01", "29/02/2016"]
    ),
)
rows = st.fixed_dictionaries(
    {
        "code": st.one_of(
            st.sampled_from(["A", "B", "C", "D", "=SUM(1)", "-E", "+F", "@G"]), st.just("X" * 70)
        ),
        "procedure_code": st.sampled_from(["1.001", "1.002", "1.003", "1.004", "9.999", ""]),
        "channel": st.sampled_from(["", "online", "Trực tuyến", "direct", "bưu chính", "fax"]),
        "received_at": times,
        "due_at": st.one_of(st.just(""), times),
        "supplement_requested_at": st.one_of(st.just(""), st.just(""), times),
        "supplement_received_at": st.one_of(st.just(""), st.just(""), times),
        "supplement_count": st.sampled_from(["", "", "0", "2", "100", "x", "-1"]),
        "extended_due_at": st.one_of(st.just(""), st.just(""), times),
        "resolved_at": st.one_of(st.just(""), times),
        "returned_at": st.one_of(st.just(""), st.just(""), times),
        "stopped_at": st.one_of(st.just(""), st.just(""), times),
        "status": st.sampled_from(["2", "4", "7", "8", "9", "10", "Đã xử lý xong", "11", "abc", "1", "3"]),
        "division": st.sampled_from(["", "P1", "p1", "Văn phòng", "VĂN  PHÒNG", "Phòng Hai"]),
    }
)
files = st.tuples(st.lists(rows, min_size=1, max_size=12), st.booleans(), st.booleans())


def _csv(lines: list[dict[str, str]], shuffle_columns: bool, extra_cell: bool) -> bytes:
    header = list(reversed(HEADER)) if shuffle_columns else HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for i, line in enumerate(lines):
        cells = [line[c] for c in header]
        if extra_cell and i == len(lines) - 1:
            cells.append("thừa")
        writer.writerow(cells)
    return buffer.getvalue().encode()


def _outcome(report: ImportReport) -> tuple[Any, ...]:
    errors = [(e.row, e.column, e.message) for e in report.errors]
    return (errors, report.error_count, report.rows, report.created, report.updated, report.unchanged)


def _both(pair: tuple[Agency, Agency], data: bytes) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    python, sql = pair
    a = dossier_import(agency=python, file=io.BytesIO(data), engine="python")
    b = dossier_import(agency=sql, file=io.BytesIO(data), engine="sql")
    return _outcome(a), _outcome(b)


def _export(agency: Agency) -> list[dict[str, Any]]:
    return list(export_rows(agency=agency, as_of=dt.date(2017, 4, 15)))


def _csv_export(agency: Agency, *, database: bool) -> str:
    """The CSV export, written by PostgreSQL's COPY or by Python's csv writer from `export_rows`."""
    out = io.StringIO()
    if database:
        export_csv(agency=agency, as_of=dt.date(2017, 4, 15), out=out)
        return out.getvalue()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in _export(agency):
        writer.writerow([row[c] if row[c] is not None else "" for c in EXPORT_COLUMNS])
    return out.getvalue()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=files, second=files, english=st.booleans())
def test_the_sql_and_python_imports_agree_on_any_file(
    pair: tuple[Agency, Agency], first: Any, second: Any, english: bool
) -> None:
    with transaction.atomic(), translation.override("en" if english else "vi"):
        for lines, shuffle, extra in (first, second):
            python, sql = _both(pair, _csv(lines, shuffle, extra))
            assert sql == python
            assert _export(pair[1]) == _export(pair[0])
            assert _csv_export(pair[1], database=True) == _csv_export(pair[0], database=False)
        transaction.set_rollback(True)


def test_a_clean_file_imports_alike_then_reimports_as_unchanged(pair: tuple[Agency, Agency]) -> None:
    lines = [
        ",".join(HEADER),
        "A,1.001,online,02/03/2017 09:15,,,,,,10/03/2017 10:00,,,9,P1",
        "B,1.002,,02/03/2017 15:30,,,,,,,,,4,Văn phòng",
        "C,1.003,direct,2017-03-02T09:15:00+07:00,,,,,,,,,2,",
        "D,1.004,,10/03/2017 08:00,,10/03/2017 09:00,14/03/2017 10:00,,,,,,4,",
        "E,1.004,,03/04/2017 16:30,,,,,,,,,4,",
    ]
    data = ("\n".join(lines) + "\n").encode()
    python, sql = _both(pair, data)
    assert sql == python == ([], 0, 5, 5, 0, 0)
    assert _export(pair[1]) == _export(pair[0])
    copied = _csv_export(pair[1], database=True)
    assert copied == _csv_export(pair[0], database=False)
    assert copied.count("\n") == 6
    again = _both(pair, data)
    assert again[1] == again[0] == ([], 0, 5, 0, 0, 5)
