"""The procedure catalogue: versioned time-limit rules, the import, publication figures and the demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from eiso.core import demo as core_demo
from eiso.core.models import DomainEvent
from eiso.core.testing import Personas
from eiso.procedures import demo as procedures_demo
from eiso.procedures.models import HandlingProcess, Procedure
from eiso.procedures.selectors import procedure_rule_at, procedures_by_code, publication_summary
from eiso.procedures.services import (
    procedure_create,
    procedure_import,
    procedure_publish,
    procedure_update,
    process_save,
)

REFERENCE = Path(procedures_demo.REFERENCE_CSV)


def _procedure(personas: Personas, code: str = "1.000001", days: int = 10) -> Procedure:
    return procedure_create(
        agency=personas.agency,
        actor=personas.secretary,
        code=code,
        name="Cấp giấy phép xuất bản bản tin",
        field="Báo chí",
        time_limit_value=Decimal(days),
        valid_from=dt.date(2016, 1, 1),
    )


@pytest.mark.django_db
def test_a_changed_time_limit_opens_a_new_rule_and_old_dossiers_keep_the_old_one(personas: Personas) -> None:
    procedure = _procedure(personas)
    procedure_update(
        procedure=procedure,
        actor=personas.secretary,
        effective_on=dt.date(2018, 7, 1),
        legal_reference="QĐ 1807/QĐ-UBND",
        time_limit_value=Decimal(7),
        counts_from_next_day_after=dt.time(15, 0),
    )
    rules = list(procedure.rules.order_by("valid_from"))
    assert [(r.valid_from, r.valid_to, r.time_limit_value) for r in rules] == [
        (dt.date(2016, 1, 1), dt.date(2018, 6, 30), Decimal(10)),
        (dt.date(2018, 7, 1), None, Decimal(7)),
    ]
    loaded = procedures_by_code(personas.agency)["1.000001"]
    assert procedure_rule_at(loaded, dt.date(2017, 3, 2)) == (Decimal(10), "working_days", None)
    assert procedure_rule_at(loaded, dt.date(2018, 7, 1)) == (Decimal(7), "working_days", dt.time(15, 0))
    assert procedure_rule_at(loaded, dt.date(2015, 6, 1))[0] == Decimal(10)
    assert DomainEvent.objects.filter(verb="procedure.updated", target_id=procedure.pk).count() == 1


@pytest.mark.django_db
def test_a_change_effective_on_the_rule_start_corrects_that_rule(personas: Personas) -> None:
    procedure = _procedure(personas)
    procedure_update(
        procedure=procedure, actor=None, effective_on=dt.date(2016, 1, 1), time_limit_value=Decimal("0.5")
    )
    assert [(r.valid_from, r.time_limit_value) for r in procedure.rules.all()] == [
        (dt.date(2016, 1, 1), Decimal("0.5"))
    ]


@pytest.mark.django_db
def test_an_unchanged_save_records_nothing(personas: Personas) -> None:
    procedure = _procedure(personas)
    assert not procedure_update(procedure=procedure, actor=None, time_limit_value=Decimal(10))
    assert not DomainEvent.objects.filter(verb="procedure.updated").exists()


@pytest.mark.django_db
def test_a_duplicate_code_and_a_negative_limit_are_refused(personas: Personas) -> None:
    _procedure(personas)
    with pytest.raises(ValidationError, match="đã có"):
        _procedure(personas)
    with pytest.raises(ValidationError):
        _procedure(personas, code="1.000002", days=-1)


@pytest.mark.django_db
def test_the_reference_csv_imports_then_reimports_as_unchanged(personas: Personas) -> None:
    first = procedure_import(agency=personas.agency, file=REFERENCE, effective_on=dt.date(2016, 1, 1))
    assert first.ok and (first.created, first.updated, first.unchanged) == (36, 0, 0)
    again = procedure_import(agency=personas.agency, file=REFERENCE, effective_on=dt.date(2016, 1, 1))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 36)
    press = Procedure.objects.get(agency=personas.agency, code="2.001171")
    assert (press.time_limit_value, press.time_limit_unit, press.level) == (Decimal(24), "working_hours", 4)


@pytest.mark.django_db
def test_an_xlsx_file_with_vietnamese_headers_updates_by_code(personas: Personas, tmp_path: Path) -> None:
    _procedure(personas, code="1.003725", days=15)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Mã TTHC",
            "Tên thủ tục",
            "Lĩnh vực",
            "Mức độ",
            "Thời hạn",
            "Đơn vị thời hạn",
            "Tính từ ngày hôm sau nếu nộp sau",
        ]
    )
    sheet.append(
        ["1.003725", "Cấp giấy phép hoạt động in", "Xuất bản - In - Phát hành", 4, 10, "ngày làm việc", ""]
    )
    sheet.append(["1.009999", "Chứng thực bản sao", "Chứng thực", None, 0.5, "working_days", dt.time(15, 0)])
    book.save(tmp_path / "tthc.xlsx")
    report = procedure_import(
        agency=personas.agency, file=tmp_path / "tthc.xlsx", effective_on=dt.date(2018, 1, 1)
    )
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    updated = Procedure.objects.get(agency=personas.agency, code="1.003725")
    assert updated.time_limit_value == 10 and updated.rules.count() == 2
    new = Procedure.objects.get(agency=personas.agency, code="1.009999")
    assert (new.time_limit_value, new.counts_from_next_day_after) == (Decimal("0.5"), dt.time(15, 0))


@pytest.mark.django_db
def test_a_bad_file_is_rejected_whole_with_every_problem_listed(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,name,time_limit,time_limit_unit,level\n"
        "1.1,Thủ tục đúng,10,working_days,2\n"
        "1.2,Sai đơn vị,10,tuần,\n"
        "1.1,Trùng mã,5,working_days,\n"
        "1.3,Mức độ sai,5,,7\n"
        "1.4,Nửa giờ lẻ,2.3,working_days,\n",
        encoding="utf-8",
    )
    report = procedure_import(agency=personas.agency, file=path)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "time_limit_unit"),
        (4, "code"),
        (5, "level"),
        (6, "time_limit"),
    ]
    assert not Procedure.objects.filter(agency=personas.agency).exists()


@pytest.mark.django_db
def test_the_import_command_exits_non_zero_and_lists_errors(personas: Personas, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("code,name\n1.1,Thiếu thời hạn\n", encoding="utf-8")
    with pytest.raises(CommandError, match="bị từ chối"):
        call_command("import_procedures", str(path), agency=personas.agency.code)
    call_command("import_procedures", str(REFERENCE), agency=personas.agency.code, dry_run=True)
    assert not Procedure.objects.filter(agency=personas.agency).exists()
    call_command("import_procedures", str(REFERENCE), agency=personas.agency.code)
    assert Procedure.objects.filter(agency=personas.agency).count() == 36


@pytest.mark.django_db
def test_publication_counts_in_scope_procedures_posted_at_the_office_or_online(personas: Personas) -> None:
    posted = _procedure(personas, code="A")
    online = _procedure(personas, code="B")
    _procedure(personas, code="C")
    out_of_scope = _procedure(personas, code="D")
    procedure_update(procedure=out_of_scope, actor=None, in_scope=False)
    procedure_publish(procedure=posted, actor=None, at_office_on=dt.date(2016, 3, 1), online_on=None)
    procedure_publish(procedure=online, actor=None, at_office_on=None, online_on=dt.date(2017, 9, 1))
    process_save(
        agency=personas.agency,
        actor=None,
        code="QT-01",
        name="Quy trình",
        procedures=[posted, online],
        steps=[("Tiếp nhận", personas.office, Decimal("0.5"), "working_days")],
        published_online_on=dt.date(2016, 3, 1),
    )
    assert publication_summary(personas.agency, dt.date(2017, 8, 1)) == {
        "in_scope": 3,
        "published": 1,
        "processes_total": 1,
        "processes_published": 1,
    }
    assert publication_summary(personas.agency, dt.date(2017, 9, 1))["published"] == 2


@pytest.mark.django_db
def test_a_process_refuses_a_division_of_another_agency(personas: Personas) -> None:
    foreign = personas.outsider.division
    with pytest.raises(ValidationError):
        process_save(
            agency=personas.agency,
            actor=None,
            code="QT-X",
            name="Quy trình",
            procedures=[],
            steps=[("Bước", foreign, Decimal(1), "working_days")],
        )


@pytest.mark.django_db
def test_the_demo_publishes_46_procedures_and_48_processes_and_reloads_identically() -> None:
    ctx = core_demo.load()
    procedures_demo.load(ctx)
    assert publication_summary(ctx.agency, dt.date(2017, 8, 1)) == {
        "in_scope": 46,
        "published": 46,
        "processes_total": 48,
        "processes_published": 48,
    }
    events = DomainEvent.objects.count()
    procedures_demo.load(ctx)
    assert DomainEvent.objects.count() == events
    assert Procedure.objects.filter(agency=ctx.agency).count() == 46
    for process in HandlingProcess.objects.filter(agency=ctx.agency, procedures__isnull=False).distinct():
        procedure = process.procedures.get()
        steps = list(process.steps.all())
        assert 3 <= len(steps) <= 5
        assert sum(s.time_limit_value for s in steps) == procedure.time_limit_value
    synthetic = Procedure.objects.filter(agency=ctx.agency, code__startswith="SYN-")
    assert all(p.is_synthetic_code for p in synthetic)
    assert {p.field for p in synthetic} >= {"Viễn thông và Internet", "Công nghệ thông tin"}
