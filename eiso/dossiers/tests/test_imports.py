import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from eiso.core.testing import Personas
from eiso.dossiers.imports import dossier_import
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure
from eiso.procedures.models import Procedure

pytestmark = pytest.mark.django_db

HEADER = "code,procedure_code,channel,received_at,due_at,resolved_at,status,division,supplement_count\n"
GOOD = (
    HEADER
    + "A-1,1.001,online,2017-03-02 09:15,,2017-03-10 10:00,9,P1,0\n"
    + "A-2,1.001,direct,02/03/2017 09:15,20/03/2017 17:00,,4,,\n"
    + "A-3,1.001,postal,2017-03-02T09:15:00+07:00,,,Đang xử lý,Văn phòng,\n"
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "dossiers.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def procedure(personas: Personas) -> Procedure:
    return make_procedure(personas.agency, code="1.001", days="10")


def test_a_clean_file_is_imported_with_due_dates_and_a_summary(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    report = dossier_import(agency=personas.agency, file=_write(tmp_path, GOOD))
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    a1, a2, a3 = Dossier.objects.filter(agency=personas.agency).order_by("code")
    assert a1.due_date == dt.date(2017, 3, 16) and a1.finished_on == dt.date(2017, 3, 10)
    assert a1.division == personas.division
    assert a2.computed_due_date == dt.date(2017, 3, 16) and a2.due_date == dt.date(2017, 3, 20)
    assert a3.status == 4 and a3.channel == "postal" and a3.division == personas.office


def test_reimporting_the_same_file_changes_nothing_and_a_changed_row_updates(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    dossier_import(agency=personas.agency, file=_write(tmp_path, GOOD))
    report = dossier_import(agency=personas.agency, file=_write(tmp_path, GOOD))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    changed = HEADER + "A-3,1.001,postal,2017-03-02 09:15,,2017-03-05 08:00,10,VP,\n"
    report = dossier_import(agency=personas.agency, file=_write(tmp_path, changed))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert Dossier.objects.get(code="A-3").finished_on == dt.date(2017, 3, 5)
    assert Dossier.objects.count() == 3


def test_an_xlsx_file_with_vietnamese_headers_is_accepted(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận", "Trạng thái"])
    sheet.append(["X-1", "1.001", dt.datetime(2017, 3, 2, 9, 15), "Được tiếp nhận"])
    path = tmp_path / "d.xlsx"
    book.save(path)
    report = dossier_import(agency=personas.agency, file=path)
    assert report.ok, report.errors
    assert Dossier.objects.get(code="X-1").due_date == dt.date(2017, 3, 16)


BAD_CASES = {
    "unknown procedure": (HEADER + "B,9.999,online,2017-03-02 09:15,,,2,,\n", 2, "procedure_code"),
    "unparsable date": (HEADER + "B,1.001,online,31/02/2017 09:15,,,2,,\n", 2, "received_at"),
    "resolved before received": (
        HEADER + "B,1.001,online,2017-03-02 09:15,,2017-03-01 09:00,9,,\n",
        2,
        "resolved_at",
    ),
    "duplicate code": (
        HEADER + "B,1.001,,2017-03-02 09:15,,,2,,\nB,1.001,,2017-03-02 09:15,,,2,,\n",
        3,
        "code",
    ),
    "unknown status": (HEADER + "B,1.001,online,2017-03-02 09:15,,,11,,\n", 2, "status"),
    "unknown status name": (HEADER + "B,1.001,online,2017-03-02 09:15,,,Đã xong,,\n", 2, "status"),
    "missing required column": ("code,procedure_code,status\nB,1.001,2\n", 1, "received_at"),
    "more cells than the header": (HEADER + "B,1.001,online,2017-03-02 09:15,,,2,,,extra\n", 2, ""),
    "value too long": (HEADER + "B" * 65 + ",1.001,online,2017-03-02 09:15,,,2,,\n", 2, "code"),
    "finished status without its time": (HEADER + "B,1.001,online,2017-03-02 09:15,,,9,,\n", 2, "status"),
    "unknown division": (HEADER + "B,1.001,online,2017-03-02 09:15,,,2,Phòng ma,\n", 2, "division"),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_a_bad_file_is_rejected_whole_with_the_row_and_column(
    personas: Personas, procedure, tmp_path: Path, case: str
) -> None:
    text, row, column = BAD_CASES[case]
    report = dossier_import(
        agency=personas.agency,
        file=_write(tmp_path, GOOD + text.removeprefix(HEADER) if text.startswith(HEADER) else text),
    )
    assert not report.ok
    assert any(
        e.column == column and (e.row == row + 3 if text.startswith(HEADER) else e.row == row)
        for e in report.errors
    ), report.errors
    assert not Dossier.objects.exists()


def test_a_file_in_the_wrong_encoding_or_empty_is_rejected(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    report = dossier_import(
        agency=personas.agency,
        file=_write(tmp_path, HEADER + "É-1,1.001,,2017-03-02 09:15,,,2,,\n", "latin-1"),
    )
    assert not report.ok and "UTF-8" in str(report.errors[0])
    assert not dossier_import(agency=personas.agency, file=_write(tmp_path, "")).ok
    assert not Dossier.objects.exists()


def test_errors_are_in_english_when_the_language_is_english(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    with translation.override("en"):
        report = dossier_import(
            agency=personas.agency, file=_write(tmp_path, HEADER + "B,9.999,,2017-03-02 09:15,,,2,,\n")
        )
        assert "procedure" in str(report.errors[0]).lower()


def test_the_command_imports_validates_only_on_dry_run_and_exits_non_zero_on_errors(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    path = _write(tmp_path, GOOD)
    out = io.StringIO()
    call_command(
        "import_dossiers",
        str(path),
        agency=personas.agency.code,
        dry_run=True,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert not Dossier.objects.exists()
    call_command("import_dossiers", str(path), agency=personas.agency.code, stdout=out, stderr=io.StringIO())
    assert Dossier.objects.count() == 3
    bad = _write(tmp_path, HEADER + "B,9.999,,2017-03-02 09:15,,,2,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(bad), agency=personas.agency.code, stdout=out, stderr=err)
    assert "Dòng 2, cột procedure_code" in err.getvalue()


def test_export_gives_one_row_per_dossier_with_timeliness(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    dossier_import(agency=personas.agency, file=_write(tmp_path, GOOD))
    out = io.StringIO()
    call_command(
        "export_dossiers", agency=personas.agency.code, as_of="2017-03-31", format="json", stdout=out
    )
    rows = {r["code"]: r for r in json.loads(out.getvalue())}
    assert rows["A-1"]["timeliness"] == "early"
    assert rows["A-1"]["finished_at"] == "2017-03-10T10:00+07:00"
    assert rows["A-2"]["timeliness"] == "pending_overdue" and rows["A-2"]["due_date"] == "2017-03-20"
    out = io.StringIO()
    call_command("export_dossiers", agency=personas.agency.code, as_of="2017-03-12", format="csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("code,procedure_code,") and len(lines) == 4
    assert "pending_in_time" in lines[2]


def test_the_stats_command_prints_the_ii06a_keys_and_by_procedure(
    personas: Personas, procedure, tmp_path: Path
) -> None:
    dossier_import(agency=personas.agency, file=_write(tmp_path, GOOD))
    out = io.StringIO()
    call_command(
        "dossier_stats", agency=personas.agency.code, date_from="2017-03-01", date_to="2017-03-31", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["received_total"] == 3 and data["resolved_early"] == 1 and data["pending_overdue"] == 2
    assert data["by_procedure"][0]["procedure_code"] == "1.001"
    assert data["by_procedure"][0]["received_total"] == 3
