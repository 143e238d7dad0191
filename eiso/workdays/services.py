"""Writes of the working calendar: overrides (national or per agency), office hours, the calendar import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from eiso.core.imports import (
    ColumnSpec,
    ImportProgress,
    ImportReport,
    ParsedRow,
    parse_choice,
    parse_date,
    run_import,
)
from eiso.core.models import Agency, Person
from eiso.core.services import event_record
from eiso.workdays.calendar import build_calendar, calendar_fingerprint
from eiso.workdays.choices import OverrideKind
from eiso.workdays.models import CalendarOverride, OfficeHours, WorkdayNumber, WorkdayTable

KIND_ALIASES = {
    "holiday": OverrideKind.HOLIDAY,
    "nghỉ": OverrideKind.HOLIDAY,
    "ngày nghỉ": OverrideKind.HOLIDAY,
    "workday": OverrideKind.WORKDAY,
    "làm việc": OverrideKind.WORKDAY,
    "ngày làm việc": OverrideKind.WORKDAY,
    "làm bù": OverrideKind.WORKDAY,
}

IMPORT_COLUMNS = (
    ColumnSpec("date", aliases=("Ngày",), required=True, parser=parse_date),
    ColumnSpec("kind", aliases=("Loại",), required=True, parser=parse_choice(KIND_ALIASES)),
    ColumnSpec("note", aliases=("Ghi chú", "Nội dung"), max_length=255),
    ColumnSpec("legal_reference", aliases=("Căn cứ",), max_length=255),
)


def _record(
    agency: Agency | None, actor: Person | None, verb: str, target: Any, data: dict[str, Any]
) -> None:
    owner = agency or (actor.agency if actor else None)
    if owner is not None:
        event_record(agency=owner, actor=actor, verb=verb, target=target, data=data)


@transaction.atomic
def override_save(
    *,
    agency: Agency | None,
    actor: Person | None,
    date: dt.date,
    kind: str,
    note: str = "",
    legal_reference: str = "",
) -> tuple[CalendarOverride, str]:
    """Create or change the override of `date` (national when agency is None); returns (row, outcome).

    outcome is "created", "updated" or "unchanged".
    """
    if kind not in OverrideKind.values:
        raise ValidationError(_("Loại ngày không hợp lệ."))
    row = CalendarOverride.objects.filter(agency=agency, date=date).first()
    values = {"kind": kind, "note": note, "legal_reference": legal_reference}
    if row is None:
        row = CalendarOverride.objects.create(agency=agency, date=date, **values)
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        if not changed:
            return row, "unchanged"
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=[*changed, "updated_at"])
        outcome = "updated"
    _record(agency, actor, f"calendar_override.{outcome}", row, {"date": date.isoformat(), "kind": kind})
    return row, outcome


@transaction.atomic
def override_delete(*, override: CalendarOverride, actor: Person | None) -> None:
    _record(
        override.agency,
        actor,
        "calendar_override.deleted",
        override,
        {"date": override.date.isoformat(), "kind": override.kind},
    )
    override.delete()


@transaction.atomic
def office_hours_save(
    *,
    agency: Agency,
    actor: Person | None,
    morning_start: dt.time,
    morning_end: dt.time,
    afternoon_start: dt.time,
    afternoon_end: dt.time,
) -> OfficeHours:
    if not (morning_start < morning_end <= afternoon_start < afternoon_end):
        raise ValidationError(_("Giờ làm việc phải theo thứ tự: sáng từ < sáng đến ≤ chiều từ < chiều đến."))
    values = {
        "morning_start": morning_start,
        "morning_end": morning_end,
        "afternoon_start": afternoon_start,
        "afternoon_end": afternoon_end,
    }
    hours = OfficeHours.objects.filter(agency=agency).first()
    if hours is not None and all(getattr(hours, k) == v for k, v in values.items()):
        return hours
    hours, _created = OfficeHours.objects.update_or_create(agency=agency, defaults=values)
    _record(agency, actor, "office_hours.saved", hours, {})
    return hours


def calendar_import(
    *,
    agency: Agency | None,
    file: Any,
    actor: Person | None = None,
    dry_run: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
) -> ImportReport:
    """Import overrides (`date,kind,note[,legal_reference]`) for an agency, or national ones (agency None).

    All-or-nothing; a re-import updates the rows of the same date (idempotent).
    """
    seen: dict[dt.date, int] = {}

    def validate(row: ParsedRow, report: ImportReport) -> None:
        date = row.values["date"]
        if date in seen:
            report.add_error(
                row.row,
                "date",
                _("Ngày {date} trùng với dòng {row}.").format(date=f"{date:%d/%m/%Y}", row=seen[date]),
            )
        seen[date] = row.row

    def write(rows: Iterator[ParsedRow], report: ImportReport) -> None:
        for row in rows:
            _row, outcome = override_save(
                agency=agency,
                actor=actor,
                date=row.values["date"],
                kind=row.values["kind"],
                note=row.values.get("note") or "",
                legal_reference=row.values.get("legal_reference") or "",
            )
            setattr(report, outcome, getattr(report, outcome) + 1)

    return run_import(
        file, IMPORT_COLUMNS, validate_row=validate, write_rows=write, dry_run=dry_run, progress=progress
    )


def workday_table_refresh(*, agency: Agency) -> WorkdayTable:
    """Make the agency's `WorkdayNumber` rows match its calendar (rebuilt only when the calendar changed).

    Called by the set-based dossier import before it computes due dates in SQL; cheap when nothing changed
    (one fingerprint query), about ten thousand rows written when something did.
    """
    fingerprint = calendar_fingerprint(agency)
    with transaction.atomic():
        table = WorkdayTable.objects.select_for_update().filter(agency=agency).first()
        if table is not None and table.fingerprint == fingerprint:
            return table
        calendar = build_calendar(agency)
        WorkdayNumber.objects.filter(agency=agency).delete()
        rows = calendar.numbered_days()
        if connection.vendor == "postgresql":
            sql = f"COPY {WorkdayNumber._meta.db_table} (agency_id, day, number, working) FROM STDIN"
            with connection.cursor() as cursor, cursor.copy(sql) as copy:
                for day, number, working in rows:
                    copy.write_row((agency.pk, day, number, working))
        else:
            WorkdayNumber.objects.bulk_create(
                (WorkdayNumber(agency=agency, day=d, number=n, working=w) for d, n, w in rows),
                batch_size=2000,
            )
        first, last = dt.date(calendar.first_year, 1, 1), dt.date(calendar.last_year, 12, 31)
        table, _created = WorkdayTable.objects.update_or_create(
            agency=agency, defaults={"fingerprint": fingerprint, "first_day": first, "last_day": last}
        )
        return table
