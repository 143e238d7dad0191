"""The shared import framework reads real CSV and XLSX files, streams them, and rejects bad files whole."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from eiso.core.imports import (
    LOCAL_TZ,
    ColumnSpec,
    ImportProgress,
    ImportReport,
    ParsedRow,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
    read_rows,
    run_import,
)
from eiso.core.models import Division
from eiso.core.testing import Personas

SPECS = [
    ColumnSpec("code", aliases=("Mã",), required=True, max_length=8),
    ColumnSpec("name", aliases=("Tên phòng",), required=True, max_length=40),
    ColumnSpec("order", aliases=("Thứ tự",), parser=parse_int(0, 99)),
]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _rows(path: Path, specs: list[ColumnSpec] = SPECS) -> tuple[list[ParsedRow], ImportReport]:
    report = ImportReport()
    return list(read_rows(path, specs, report)), report


def test_a_utf8_csv_with_vietnamese_headers_is_read_as_canonical_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "Mã,Tên phòng,Thứ tự\nVP,Văn phòng Sở,1\nTTR,Thanh tra Sở,\n")
    rows, report = _rows(path)
    assert report.ok
    assert [r.values for r in rows] == [
        {"code": "VP", "name": "Văn phòng Sở", "order": 1},
        {"code": "TTR", "name": "Thanh tra Sở", "order": None},
    ]
    assert [r.row for r in rows] == [2, 3]


def test_a_csv_with_a_byte_order_mark_is_read_like_one_without(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.csv", "\ufeffcode,name\nVP,Văn phòng\n")
    rows, report = _rows(path)
    assert report.ok
    assert rows[0].values["code"] == "VP"


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1"])
def test_a_csv_in_another_encoding_is_rejected_as_wrong_encoding(tmp_path: Path, encoding: str) -> None:
    if encoding == "cp1258":  # Windows Vietnamese: base letters plus combining tone marks
        text = unicodedata.normalize("NFD", "code,name\nVP,Văn phòng\n").replace("a\u0306", "\u0103")
    else:
        text = "code,name\nVP,Caf\u00e9 du Sud\n"
    path = _write(tmp_path / "legacy.csv", text, encoding)
    rows, report = _rows(path)
    assert not report.ok
    assert "UTF-8" in report.errors[0].message
    assert "Sai bảng mã" in report.errors[0].message


def test_an_xlsx_workbook_is_read_row_by_row_with_typed_cells(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã", "Tên phòng", "Thứ tự"])
    sheet.append(["VP", "Văn phòng Sở", 1])
    sheet.append(["CNTT", "Phòng Công nghệ thông tin", 2.0])
    book.save(tmp_path / "a.xlsx")
    rows, report = _rows(tmp_path / "a.xlsx")
    assert report.ok, report.errors
    assert [r.values["order"] for r in rows] == [1, 2]


def test_a_row_with_more_cells_than_the_header_is_an_error_of_that_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "extra.csv", "code,name\nVP,Văn phòng\nTTR,Thanh tra,thừa\n")
    _rows_, report = _rows(path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "")]
    assert "nhiều hơn" in report.errors[0].message


def test_a_missing_required_column_is_reported_with_its_aliases(tmp_path: Path) -> None:
    path = _write(tmp_path / "missing.csv", "code,order\nVP,1\n")
    rows, report = _rows(path)
    assert rows == []
    assert report.errors[0].column == "name"
    assert "Tên phòng" in report.errors[0].message


def test_an_empty_file_and_a_header_only_file_are_rejected(tmp_path: Path) -> None:
    _rows_, empty = _rows(_write(tmp_path / "empty.csv", ""))
    _rows_, header_only = _rows(_write(tmp_path / "header.csv", "code,name\n"))
    assert "rỗng" in empty.errors[0].message
    assert "không có dòng dữ liệu" in header_only.errors[0].message


def test_every_problem_of_the_file_is_listed_by_row_and_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.csv",
        "code,name,order\nVP,Văn phòng,1\nQUÁ-DÀI-MÃ,Tên,2\n,Không mã,3\nX,Tên,một trăm\n",
    )
    _rows_, report = _rows(path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "code"), (4, "code"), (5, "order")]
    assert "vượt quá 8 ký tự" in report.errors[0].message


def test_messages_are_in_english_when_the_language_is_english(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", "code,name\n,Văn phòng\n")
    with translation.override("en"):
        _rows_, report = _rows(path)
        assert str(report.errors[0]) == "Row 2, column code: Must not be empty."


def test_parsers_accept_iso_and_vietnamese_dates_in_local_time() -> None:
    assert parse_date("02/03/2017") == dt.date(2017, 3, 2) == parse_date("2017-03-02")
    assert parse_datetime("02/03/2017 09:15") == dt.datetime(2017, 3, 2, 9, 15, tzinfo=LOCAL_TZ)
    assert parse_datetime("2017-03-02T09:15") == dt.datetime(2017, 3, 2, 9, 15, tzinfo=LOCAL_TZ)
    assert parse_decimal()("0,5") == Decimal("0.5")
    with pytest.raises(ValueError, match="không đúng định dạng"):
        parse_datetime("32/13/2017 25:00")


@pytest.mark.django_db
def test_an_import_writes_nothing_when_any_row_is_invalid(tmp_path: Path, personas: Personas) -> None:
    path = _write(tmp_path / "d.csv", "code,name\nA1,Phòng A\nA2,\n")
    report = run_import(path, SPECS, write_rows=_division_writer(personas))
    assert not report.ok and not report.written
    assert not Division.objects.filter(code="A1").exists()


@pytest.mark.django_db
def test_a_dry_run_validates_but_writes_nothing(tmp_path: Path, personas: Personas) -> None:
    path = _write(tmp_path / "d.csv", "code,name\nA1,Phòng A\n")
    report = run_import(path, SPECS, write_rows=_division_writer(personas), dry_run=True)
    assert report.ok and report.rows == 1 and not report.written
    assert not Division.objects.filter(code="A1").exists()


@pytest.mark.django_db
def test_a_clean_file_is_written_in_a_second_pass_with_progress(tmp_path: Path, personas: Personas) -> None:
    lines = "".join(f"D{i},Phòng {i}\n" for i in range(2500))
    path = _write(tmp_path / "d.csv", "code,name\n" + lines)
    seen: list[ImportProgress] = []
    report = run_import(
        path,
        [ColumnSpec("code", required=True), ColumnSpec("name", required=True)],
        write_rows=_division_writer(personas),
        progress=seen.append,
    )
    assert report.ok and report.written and report.created == 2500 and report.rows == 2500
    assert Division.objects.filter(agency=personas.agency, code__startswith="D").count() == 2500
    assert [(p.phase, p.rows) for p in seen if p.fraction == 1.0] == [("validate", 2500), ("write", 2500)]
    assert all(0 < (p.fraction or 0) <= 1 for p in seen)


def test_a_caller_check_adds_row_errors_to_the_same_report(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", "code,name\nA,x\nA,y\n")
    seen: set[str] = set()

    def unique(row: ParsedRow, report: ImportReport) -> None:
        if row.values["code"] in seen:
            report.add_error(row.row, "code", "trùng")
        seen.add(row.values["code"])

    report = run_import(path, SPECS, validate_row=unique, write_rows=lambda rows, report: None)
    assert [(e.row, e.column) for e in report.errors] == [(3, "code")]


def _division_writer(personas: Personas) -> Callable[[Iterator[ParsedRow], ImportReport], None]:
    def write(rows: Iterator[ParsedRow], report: ImportReport) -> None:
        batch = [
            Division(agency=personas.agency, code=row.values["code"], name=row.values["name"]) for row in rows
        ]
        Division.objects.bulk_create(batch)
        report.created += len(batch)

    return write
