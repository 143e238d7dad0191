"""Import of dossiers from CSV/XLSX (issue 3 §6–7): all-or-nothing, streaming, idempotent by code.

Pass 1 validates every row (cells, unknown procedure or division, duplicate code in the file, times out of
order, status without its time); only a clean file reaches pass 2, which derives the due dates with the
agency's calendar and writes in batches with bulk_create (new codes) and an upsert (changed ones) inside one
transaction. Memory holds one batch plus the set of codes seen (for the duplicate check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eiso.core.imports import (
    ColumnSpec,
    ImportProgress,
    ImportReport,
    ParsedRow,
    normalise_header,
    parse_choice,
    parse_datetime,
    parse_int,
    run_import,
)
from eiso.core.models import Agency, DomainEvent
from eiso.dossiers import rules
from eiso.dossiers.choices import Channel, DossierStatus
from eiso.dossiers.models import CODE_MAX_LENGTH, Dossier
from eiso.procedures.selectors import RuleTuple, procedure_rule_at, procedures_by_code
from eiso.workdays.calendar import LOCAL_TZ, WORKING_DAYS, Due, WorkingCalendar, calendar_for

BATCH = 2000
S = DossierStatus

CHANNELS = {
    "direct": Channel.DIRECT,
    "online": Channel.ONLINE,
    "postal": Channel.POSTAL,
    "trực tiếp": Channel.DIRECT,
    "trực tuyến": Channel.ONLINE,
    "bưu chính": Channel.POSTAL,
    "dịch vụ bưu chính": Channel.POSTAL,
}
STATUS_NAMES = {
    "Mới đăng ký": 1,
    "Được tiếp nhận": 2,
    "Không được tiếp nhận": 3,
    "Đang xử lý": 4,
    "Yêu cầu bổ sung giấy tờ": 5,
    "Yêu cầu thực hiện nghĩa vụ tài chính": 6,
    "Công dân yêu cầu rút hồ sơ": 7,
    "Dừng xử lý": 8,
    "Đã xử lý xong": 9,
    "Đã trả kết quả": 10,
}
_STATUS_BY_NAME = {normalise_header(k): v for k, v in STATUS_NAMES.items()}
_status_code = parse_int(1, 10)


def parse_status(text: str) -> int:
    """The national code 1–10, or its Vietnamese name."""
    if text.isdigit():
        return int(_status_code(text))
    value = _STATUS_BY_NAME.get(normalise_header(text))
    if value is None:
        raise ValueError(
            _("Trạng thái “{text}” không hợp lệ; dùng mã 1–10 hoặc tên trạng thái.").format(text=text)
        )
    return value


TIMES = [
    "received_at",
    "due_at",
    "supplement_requested_at",
    "supplement_received_at",
    "extended_due_at",
    "resolved_at",
    "returned_at",
    "stopped_at",
]
COLUMNS = [
    ColumnSpec("code", ("mã hồ sơ", "ma ho so", "số hồ sơ"), required=True, max_length=CODE_MAX_LENGTH),
    ColumnSpec("procedure_code", ("mã thủ tục", "mã tthc", "ma thu tuc"), required=True, max_length=64),
    ColumnSpec("channel", ("hình thức nộp", "kênh tiếp nhận"), parser=parse_choice(CHANNELS)),
    ColumnSpec("received_at", ("ngày tiếp nhận", "tiếp nhận lúc"), required=True, parser=parse_datetime),
    ColumnSpec("due_at", ("ngày hẹn trả", "hẹn trả"), parser=parse_datetime),
    ColumnSpec(
        "supplement_requested_at", ("yêu cầu bổ sung lúc", "ngày yêu cầu bổ sung"), parser=parse_datetime
    ),
    ColumnSpec("supplement_received_at", ("nhận bổ sung lúc", "ngày nhận bổ sung"), parser=parse_datetime),
    ColumnSpec("supplement_count", ("số lần bổ sung", "số lần yêu cầu bổ sung"), parser=parse_int(0, 99)),
    ColumnSpec("extended_due_at", ("hẹn lại ngày trả", "ngày hẹn lại"), parser=parse_datetime),
    ColumnSpec("resolved_at", ("xử lý xong lúc", "ngày có kết quả"), parser=parse_datetime),
    ColumnSpec("returned_at", ("trả kết quả lúc", "ngày trả kết quả"), parser=parse_datetime),
    ColumnSpec("stopped_at", ("dừng xử lý lúc", "ngày dừng xử lý"), parser=parse_datetime),
    ColumnSpec("status", ("trạng thái", "mã trạng thái"), required=True, parser=parse_status),
    ColumnSpec("division", ("phòng xử lý", "phòng"), max_length=255),
]
# A finished status needs the time that ends processing (rules.finished_at_for).
NEEDS_END_TIME = {
    S.RESOLVED: ("resolved_at",),
    S.RETURNED: ("resolved_at", "returned_at"),
    S.WITHDRAWAL: ("resolved_at", "returned_at", "stopped_at"),
    S.STOPPED: ("resolved_at", "returned_at", "stopped_at"),
}
COMPARED = [
    "procedure_id",
    "channel",
    "division_id",
    "status",
    *TIMES,
    "supplement_count",
    "time_limit_value",
    "time_limit_unit",
    "cutoff",
    *rules.DERIVED_FIELDS,
]
MSG_BEFORE = gettext_lazy("{column} ({value}) trước thời điểm tiếp nhận.")


class DossierImporter:
    """Validation and writing of one import for one agency (see the module docstring)."""

    def __init__(self, agency: Agency) -> None:
        self.agency = agency
        self.procedures = procedures_by_code(agency)
        self.divisions: dict[str, int] = {}
        for pk, code, name in agency.divisions.values_list("pk", "code", "name"):
            self.divisions[normalise_header(code)] = pk
            self.divisions.setdefault(normalise_header(name), pk)
        self.calendar = _DueCache(calendar_for(agency))
        self.rules: dict[tuple[int, dt.date], RuleTuple] = {}
        self.seen: dict[str, int] = {}

    # -- pass 1 ---------------------------------------------------------------------------------------------
    def validate(self, row: ParsedRow, report: ImportReport) -> None:
        v = _values(row)
        if v["procedure_code"] not in self.procedures:
            report.add_error(
                row.row, "procedure_code", _("Không có thủ tục mã “{code}”.").format(code=v["procedure_code"])
            )
        if v["division"] and normalise_header(v["division"]) not in self.divisions:
            report.add_error(row.row, "division", _("Không có phòng “{name}”.").format(name=v["division"]))
        first = self.seen.setdefault(v["code"], row.row)
        if first != row.row:
            report.add_error(
                row.row,
                "code",
                _("Mã hồ sơ “{code}” trùng với dòng {row}.").format(code=v["code"], row=first),
            )
        received = v["received_at"]
        for column in TIMES[1:]:
            if v[column] is not None and v[column] < received:
                report.add_error(
                    row.row,
                    column,
                    str(MSG_BEFORE).format(column=column, value=f"{v[column]:%d/%m/%Y %H:%M}"),
                )
        needs = NEEDS_END_TIME.get(v["status"])
        if needs and not any(v[c] for c in needs):
            report.add_error(
                row.row,
                "status",
                _("Trạng thái {status} cần thời điểm kết thúc ({columns}).").format(
                    status=v["status"], columns=" / ".join(needs)
                ),
            )
        if v["supplement_received_at"] and not v["supplement_requested_at"]:
            report.add_error(
                row.row, "supplement_received_at", _("Có ngày nhận bổ sung nhưng không có ngày yêu cầu.")
            )
        elif (
            v["supplement_received_at"]
            and v["supplement_requested_at"]
            and v["supplement_received_at"] < v["supplement_requested_at"]
        ):
            report.add_error(row.row, "supplement_received_at", _("Nhận bổ sung trước khi yêu cầu bổ sung."))

    # -- pass 2 ---------------------------------------------------------------------------------------------
    def build(self, v: dict[str, Any]) -> SimpleNamespace:
        """The dossier's column values (attnames), derived columns included; no model instance (speed)."""
        procedure = self.procedures[v["procedure_code"]]
        key = (procedure.pk, rules.local_date(v["received_at"]))
        rule = self.rules.get(key)
        if rule is None:
            rule = self.rules[key] = procedure_rule_at(procedure, key[1])
        value, unit, cutoff = rule
        requested = v["supplement_requested_at"]
        count = v["supplement_count"] if v["supplement_count"] is not None else int(requested is not None)
        dossier = SimpleNamespace(
            agency_id=self.agency.pk,
            code=v["code"],
            procedure_id=procedure.pk,
            channel=v["channel"] or Channel.DIRECT,
            division_id=self.divisions[normalise_header(v["division"])] if v["division"] else None,
            status=v["status"],
            time_limit_value=value,
            time_limit_unit=unit,
            cutoff=cutoff,
            supplement_count=count,
            **{column: v[column] for column in TIMES},
        )
        rules.derive(dossier, self.calendar)  # type: ignore[arg-type]  # duck-typed: only .due is used
        return dossier

    def write(self, rows: Iterator[ParsedRow], report: ImportReport) -> None:
        batch: list[SimpleNamespace] = []
        for row in rows:
            batch.append(self.build(_values(row)))
            if len(batch) >= BATCH:
                self._flush(batch, report)
                batch = []
        if batch:
            self._flush(batch, report)
        DomainEvent.objects.create(
            agency=self.agency,
            verb="dossier.imported",
            target_type="core.agency",
            target_id=self.agency.pk,
            data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )

    def _flush(self, batch: list[SimpleNamespace], report: ImportReport) -> None:
        existing = {
            row["code"]: row
            for row in Dossier.objects.filter(agency=self.agency, code__in=[d.code for d in batch]).values(
                "code", *COMPARED
            )
        }
        new = [d for d in batch if d.code not in existing]
        changed = [d for d in batch if d.code in existing and _differs(d, existing[d.code])]
        report.created += len(new)
        report.updated += len(changed)
        report.unchanged += len(batch) - len(new) - len(changed)
        if new and connection.vendor == "postgresql":
            _copy(new)
        elif new:
            Dossier.objects.bulk_create([_model(d) for d in new])
        if changed:
            Dossier.objects.bulk_create(
                [_model(d) for d in changed],
                update_conflicts=True,
                unique_fields=["agency", "code"],
                update_fields=[c.removesuffix("_id") if c.endswith("_id") else c for c in COMPARED]
                + ["updated_at"],
            )


class _DueCache:
    """The calendar's `due`, memoised for whole working days: the due date then depends only on the start
    date, whether the cut-off moved it, and N (a million rows share a few thousand such keys)."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.cache: dict[tuple[dt.date, bool, Decimal], Due] = {}

    def due(self, start: dt.datetime, value: Decimal, unit: str, cutoff: dt.time | None) -> Due:
        if unit != WORKING_DAYS or value != value.to_integral_value():
            return self.calendar.due(start, value, unit, cutoff)
        local = start.astimezone(LOCAL_TZ)
        key = (local.date(), cutoff is not None and local.time() >= cutoff, value)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self.calendar.due(start, value, unit, cutoff)
        return found


_EMPTY = {spec.name: None for spec in COLUMNS}


def _values(row: ParsedRow) -> dict[str, Any]:
    """The row's values with every optional column present (None when the file has no such column)."""
    return _EMPTY | row.values


_COPY_FIELDS = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
_MODEL_ATTRS = {f.attname for f in _COPY_FIELDS}


def _model(values: SimpleNamespace) -> Dossier:
    return Dossier(**{k: v for k, v in vars(values).items() if k in _MODEL_ATTRS})


def _copy(batch: list[SimpleNamespace]) -> None:
    """New rows through PostgreSQL COPY: the fast path of a large import (same values as bulk_create)."""
    now = timezone.now()
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in _COPY_FIELDS)
    defaults = {f.attname: f.get_default() for f in _COPY_FIELDS}
    defaults["created_at"] = defaults["updated_at"] = now
    sql = f"COPY {Dossier._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for values in batch:
            given = vars(values)
            copy.write_row([given.get(f.attname, defaults[f.attname]) for f in _COPY_FIELDS])


def _differs(dossier: Any, stored: dict[str, Any]) -> bool:
    return any(getattr(dossier, column) != stored[column] for column in COMPARED)


def dossier_import(
    *,
    agency: Agency,
    file: Any,
    dry_run: bool = False,
    progress: Callable[[ImportProgress], None] | None = None,
    engine: str | None = None,
) -> ImportReport:
    """Import a dossier file for the agency; see the module docstring. Returns the report.

    On PostgreSQL the set-based import (`eiso.dossiers.sql_import`) does the work; elsewhere, or with
    `engine="python"`, this module's two streaming passes. Both give the same rows, counts and messages.
    """
    if (engine or ("sql" if connection.vendor == "postgresql" else "python")) == "sql":
        from eiso.dossiers.sql_import import dossier_import_sql

        return dossier_import_sql(agency=agency, file=file, dry_run=dry_run, progress=progress)
    importer = DossierImporter(agency)
    return run_import(
        file,
        COLUMNS,
        validate_row=importer.validate,
        write_rows=importer.write,
        dry_run=dry_run,
        progress=progress,
    )
