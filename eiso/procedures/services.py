"""Writes of the procedure catalogue: procedures with versioned time-limit rules, publication, processes,
and the all-or-nothing CSV/XLSX import of procedures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.imports import (
    ColumnSpec,
    ImportProgress,
    ImportReport,
    ParsedRow,
    parse_choice,
    parse_decimal,
    parse_int,
    parse_time,
    run_import,
)
from eiso.core.models import Agency, Division, Person
from eiso.core.services import event_record
from eiso.procedures.choices import TimeLimitUnit
from eiso.procedures.models import HandlingProcess, Procedure, ProcedureRule, ProcessStep, RequiredComponent
from eiso.procedures.selectors import procedures_by_code

RULE_FIELDS = ("time_limit_value", "time_limit_unit", "counts_from_next_day_after")
# What the citizen reads on the portal besides the limit; imported only from the columns a file has.
CITIZEN_FIELDS = ("submission_methods", "applicants", "outcome", "fee", "legal_basis")
PROCEDURE_FIELDS = (
    "name",
    "field",
    "level",
    *CITIZEN_FIELDS,
    "in_scope",
    "valid_from",
    "valid_to",
    "published_at_office_on",
    "published_online_on",
    "is_active",
    *RULE_FIELDS,
)

UNIT_ALIASES = {
    "working_days": TimeLimitUnit.WORKING_DAYS,
    "ngày làm việc": TimeLimitUnit.WORKING_DAYS,
    "ngày": TimeLimitUnit.WORKING_DAYS,
    "working_hours": TimeLimitUnit.WORKING_HOURS,
    "giờ làm việc": TimeLimitUnit.WORKING_HOURS,
    "giờ": TimeLimitUnit.WORKING_HOURS,
}

IMPORT_COLUMNS: Sequence[ColumnSpec] = (
    ColumnSpec("code", aliases=("Mã TTHC", "Mã thủ tục", "Mã"), required=True, max_length=64),
    ColumnSpec("name", aliases=("Tên thủ tục", "Tên TTHC", "Tên"), required=True, max_length=500),
    ColumnSpec("field", aliases=("Lĩnh vực",), max_length=255),
    ColumnSpec("level", aliases=("Mức độ", "Mức độ DVC"), parser=parse_int(1, 4)),
    ColumnSpec(
        "time_limit",
        aliases=("Thời hạn", "Thời hạn giải quyết"),
        required=True,
        parser=parse_decimal(Decimal(0)),
    ),
    ColumnSpec(
        "time_limit_unit",
        aliases=("Đơn vị thời hạn", "Đơn vị"),
        parser=parse_choice(UNIT_ALIASES),
    ),
    ColumnSpec(
        "counts_from_next_day_after",
        aliases=("Tính từ ngày hôm sau nếu nộp sau", "Giờ chốt"),
        parser=parse_time,
    ),
    ColumnSpec("submission_methods", aliases=("Cách thức thực hiện",), max_length=4000),
    ColumnSpec("applicants", aliases=("Đối tượng thực hiện",), max_length=4000),
    ColumnSpec("outcome", aliases=("Kết quả thực hiện",), max_length=4000),
    ColumnSpec("fee", aliases=("Phí, lệ phí", "Phí"), max_length=4000),
    ColumnSpec("legal_basis", aliases=("Căn cứ pháp lý",), max_length=4000),
)


def _today() -> dt.date:
    return timezone.localdate()


def _clean(procedure: Procedure) -> None:
    procedure.full_clean(exclude=["agency"], validate_unique=False, validate_constraints=False)
    if procedure.time_limit_value is not None and procedure.time_limit_value < 0:
        raise ValidationError(_("Thời hạn giải quyết không được âm."))
    if procedure.valid_to and procedure.valid_to < procedure.valid_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))


@transaction.atomic
def procedure_create(*, agency: Agency, actor: Person | None, code: str, **fields: Any) -> Procedure:
    """Add a procedure to the catalogue and open its first time-limit rule at `valid_from`."""
    code = code.strip()
    if Procedure.objects.filter(agency=agency, code=code).exists():
        raise ValidationError(_("Mã TTHC {code} đã có trong danh mục.").format(code=code))
    fields.setdefault("valid_from", _today())
    procedure = Procedure(agency=agency, code=code, **fields)
    _clean(procedure)
    procedure.save()
    ProcedureRule.objects.create(
        procedure=procedure,
        valid_from=procedure.valid_from,
        **{f: getattr(procedure, f) for f in RULE_FIELDS},
    )
    event_record(agency=agency, actor=actor, verb="procedure.created", target=procedure)
    return procedure


@transaction.atomic
def procedure_update(
    *,
    procedure: Procedure,
    actor: Person | None,
    effective_on: dt.date | None = None,
    legal_reference: str = "",
    **fields: Any,
) -> bool:
    """Change a procedure; returns whether anything changed.

    A change of the time limit or cut-off does not rewrite history: the rule in force is closed the day before
    `effective_on` (default today) and a new rule opens on `effective_on`, so dossiers received earlier keep
    the old limit. A change effective on the current rule's own first day corrects that rule in place.
    """
    changed = [f for f, v in fields.items() if f in PROCEDURE_FIELDS and getattr(procedure, f) != v]
    if not changed:
        return False
    for name in changed:
        setattr(procedure, name, fields[name])
    _clean(procedure)
    procedure.save(update_fields=[*changed, "updated_at"])
    if any(f in RULE_FIELDS for f in changed):
        _rule_change(procedure, effective_on or _today(), legal_reference)
    event_record(
        agency=procedure.agency,
        actor=actor,
        verb="procedure.updated",
        target=procedure,
        data={"fields": changed},
    )
    return True


def _rule_change(procedure: Procedure, effective_on: dt.date, legal_reference: str) -> None:
    values = {f: getattr(procedure, f) for f in RULE_FIELDS}
    current = procedure.rules.filter(valid_from__lte=effective_on).order_by("-valid_from").first()
    if current is not None and current.valid_from == effective_on:
        for name, value in values.items():
            setattr(current, name, value)
        current.legal_reference = legal_reference or current.legal_reference
        current.save(update_fields=[*RULE_FIELDS, "legal_reference", "updated_at"])
        return
    if current is not None:
        current.valid_to = effective_on - dt.timedelta(days=1)
        current.save(update_fields=["valid_to", "updated_at"])
    later = procedure.rules.filter(valid_from__gt=effective_on).order_by("valid_from").first()
    ProcedureRule.objects.create(
        procedure=procedure,
        valid_from=effective_on,
        valid_to=later.valid_from - dt.timedelta(days=1) if later else None,
        legal_reference=legal_reference,
        **values,
    )


@transaction.atomic
def procedure_publish(
    *,
    procedure: Procedure,
    actor: Person | None,
    at_office_on: dt.date | None,
    online_on: dt.date | None,
) -> Procedure:
    """Record when the procedure was posted at the office (niêm yết) and online (công khai)."""
    procedure.published_at_office_on = at_office_on
    procedure.published_online_on = online_on
    procedure.save(update_fields=["published_at_office_on", "published_online_on", "updated_at"])
    event_record(
        agency=procedure.agency,
        actor=actor,
        verb="procedure.published",
        target=procedure,
        data={"office": str(at_office_on or ""), "online": str(online_on or "")},
    )
    return procedure


@transaction.atomic
def component_set(*, procedure: Procedure, components: Sequence[tuple[str, str, int]]) -> None:
    """Replace the required dossier components with (name, kind, count) in order."""
    procedure.components.all().delete()
    RequiredComponent.objects.bulk_create(
        RequiredComponent(procedure=procedure, name=name, kind=kind, count=count, order=i)
        for i, (name, kind, count) in enumerate(components, start=1)
    )


@transaction.atomic
def process_save(
    *,
    agency: Agency,
    actor: Person | None,
    code: str,
    name: str,
    procedures: Sequence[Procedure],
    steps: Sequence[tuple[str, Division | None, Decimal, str]],
    published_at_office_on: dt.date | None = None,
    published_online_on: dt.date | None = None,
) -> HandlingProcess:
    """Create or replace an internal handling process by code, with its ordered steps."""
    if any(p.agency_id != agency.pk for p in procedures) or any(
        d is not None and d.agency_id != agency.pk for _n, d, _v, _u in steps
    ):
        raise ValidationError(_("Thủ tục và phòng phải thuộc cùng cơ quan với quy trình."))
    defaults = {
        "name": name,
        "published_at_office_on": published_at_office_on,
        "published_online_on": published_online_on,
    }
    process = HandlingProcess.objects.filter(agency=agency, code=code).first()
    created = process is None
    if process is None:
        process = HandlingProcess.objects.create(agency=agency, code=code, **defaults)
    before = _process_state(process)
    for field_name, field_value in defaults.items():
        setattr(process, field_name, field_value)
    if not created:
        process.save(update_fields=[*defaults, "updated_at"])
    if {p.pk for p in process.procedures.all()} != {p.pk for p in procedures}:
        process.procedures.set(procedures)
    existing = {s.order: s for s in process.steps.all()}
    for order, (step_name, division, limit, unit) in enumerate(steps, start=1):
        step = existing.pop(order, None) or ProcessStep(process=process, order=order)
        step.name, step.division, step.time_limit_value, step.time_limit_unit = (
            step_name,
            division,
            limit,
            unit,
        )
        step.save()
    for stale in existing.values():
        stale.delete()
    if created or _process_state(process) != before:
        event_record(
            agency=agency, actor=actor, verb="process.created" if created else "process.saved", target=process
        )
    return process


def _process_state(process: HandlingProcess) -> tuple[Any, ...]:
    return (
        process.name,
        process.published_at_office_on,
        process.published_online_on,
        tuple(sorted(process.procedures.values_list("pk", flat=True))),
        tuple(
            process.steps.order_by("order").values_list(
                "name", "division_id", "time_limit_value", "time_limit_unit"
            )
        ),
    )


# -- import -------------------------------------------------------------------------------------------------
def _row_fields(values: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "name": values["name"],
        "field": values.get("field") or "",
        "level": values.get("level"),
        "time_limit_value": values["time_limit"],
        "time_limit_unit": values.get("time_limit_unit") or TimeLimitUnit.WORKING_DAYS,
        "counts_from_next_day_after": values.get("counts_from_next_day_after"),
    }
    # A column the file does not have leaves what the catalogue holds; an empty cell clears it.
    fields.update({name: values[name] or "" for name in CITIZEN_FIELDS if name in values})
    return fields


def procedure_import(
    *,
    agency: Agency,
    file: Any,
    actor: Person | None = None,
    dry_run: bool = False,
    effective_on: dt.date | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
) -> ImportReport:
    """Import the catalogue from CSV/XLSX: all-or-nothing, re-import updates by code (idempotent).

    New procedures are valid from `effective_on` (default today); a changed limit opens a new rule then.
    """
    effective_on = effective_on or _today()
    seen: dict[str, int] = {}

    def validate(row: ParsedRow, report: ImportReport) -> None:
        code = row.values["code"]
        if code in seen:
            report.add_error(
                row.row, "code", _("Mã {code} trùng với dòng {row}.").format(code=code, row=seen[code])
            )
        else:
            seen[code] = row.row
        unit = row.values.get("time_limit_unit") or TimeLimitUnit.WORKING_DAYS
        value = row.values["time_limit"]
        if unit == TimeLimitUnit.WORKING_DAYS and value * 2 != int(value * 2):
            report.add_error(
                row.row, "time_limit", _("Thời hạn theo ngày chỉ nhận số nguyên hoặc nửa ngày (0,5).")
            )

    def write(rows: Iterator[ParsedRow], report: ImportReport) -> None:
        existing = procedures_by_code(agency)
        for row in rows:
            fields = _row_fields(row.values)
            procedure = existing.get(row.values["code"])
            if procedure is None:
                procedure_create(
                    agency=agency, actor=actor, code=row.values["code"], valid_from=effective_on, **fields
                )
                report.created += 1
            elif procedure_update(procedure=procedure, actor=actor, effective_on=effective_on, **fields):
                report.updated += 1
            else:
                report.unchanged += 1

    return run_import(
        file, IMPORT_COLUMNS, validate_row=validate, write_rows=write, dry_run=dry_run, progress=progress
    )
