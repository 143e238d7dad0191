"""Writes of the dossiers area: receipt, transfer, supplement, extension, stop/withdraw, result, return.

Each service checks the transition against the national state machine (domain.md §2.2) and refuses an
illegal one with a translated ValidationError, then saves with update_fields, appends a DossierEvent and a
DomainEvent in the same transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.models import Agency, Division, Person
from eiso.core.services import event_record
from eiso.dossiers import rules
from eiso.dossiers.choices import Channel, DossierStatus, EventKind
from eiso.dossiers.models import Dossier, DossierEvent
from eiso.procedures.models import Procedure
from eiso.procedures.selectors import procedure_rule_at
from eiso.workdays.calendar import LOCAL_TZ, calendar_for

S = DossierStatus
OPEN = (S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL)

# from-status -> statuses it may move to
TRANSITIONS: dict[int, tuple[int, ...]] = {
    S.REGISTERED: (S.ACCEPTED, S.REFUSED, S.SUPPLEMENT),
    S.ACCEPTED: (S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAWAL, S.RESOLVED),
    S.PROCESSING: (S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAWAL, S.STOPPED, S.RESOLVED),
    S.SUPPLEMENT: (S.PROCESSING, S.ACCEPTED, S.WITHDRAWAL),
    S.FINANCIAL: (S.PROCESSING, S.WITHDRAWAL, S.RESOLVED),
    S.WITHDRAWAL: (S.STOPPED,),
    S.STOPPED: (),
    S.RESOLVED: (S.RETURNED,),
    S.RETURNED: (),
    S.REFUSED: (),
}


def _check(dossier: Dossier, target: int) -> None:
    if target not in TRANSITIONS[dossier.status]:
        raise ValidationError(
            _("Không thể chuyển hồ sơ {code} từ trạng thái “{current}” sang “{target}”.").format(
                code=dossier.code, current=S(dossier.status).label, target=S(target).label
            ),
            code="illegal_transition",
        )


def _not_before_receipt(dossier: Dossier, at: dt.datetime) -> None:
    if at < dossier.received_at:
        raise ValidationError(_("Thời điểm không được trước lúc tiếp nhận hồ sơ."), code="before_receipt")


def _record(
    dossier: Dossier, kind: str, at: dt.datetime, actor: Person | None, note: str = "", **data: Any
) -> None:
    DossierEvent.objects.create(dossier=dossier, kind=kind, at=at, actor=actor, note=note, data=data)
    event_record(agency=dossier.agency, actor=actor, verb=f"dossier.{kind}", target=dossier, data=data)


def _save(dossier: Dossier, *fields: str) -> None:
    rules.derive(dossier, calendar_for(dossier.agency))
    dossier.save(update_fields=[*fields, *rules.DERIVED_FIELDS, "updated_at"])


def dossier_next_code(*, agency: Agency, on: dt.date) -> str:
    """`<agency code>-YYMMDD-NNNN` in the TT 01/2018 Art. 19 shape; serial within the day."""
    prefix = f"{agency.code}-{on:%y%m%d}-"
    last = Dossier.objects.filter(agency=agency, code__startswith=prefix).order_by("-code").first()
    serial = int(last.code.rsplit("-", 1)[-1]) + 1 if last and last.code.rsplit("-", 1)[-1].isdigit() else 1
    return f"{prefix}{serial:04d}"


@transaction.atomic
def dossier_receive(
    *,
    agency: Agency,
    procedure: Procedure,
    received_at: dt.datetime,
    actor: Person | None,
    channel: str = Channel.DIRECT,
    code: str = "",
    division: Division | None = None,
    due_at: dt.datetime | None = None,
    **applicant: str,
) -> Dossier:
    """Accept a complete dossier (status 2): the clock starts; the limit in force that day is kept."""
    if procedure.agency_id != agency.pk or (division is not None and division.agency_id != agency.pk):
        raise ValidationError(_("Thủ tục hoặc phòng không thuộc cơ quan này."), code="wrong_agency")
    if timezone.is_naive(received_at):
        received_at = received_at.replace(tzinfo=LOCAL_TZ)
    value, unit, cutoff = procedure_rule_at(procedure, rules.local_date(received_at))
    code = code or dossier_next_code(agency=agency, on=rules.local_date(received_at))
    if Dossier.objects.filter(agency=agency, code=code).exists():
        raise ValidationError(_("Mã hồ sơ {code} đã tồn tại.").format(code=code), code="duplicate")
    dossier = Dossier(
        agency=agency,
        code=code,
        procedure=procedure,
        channel=channel,
        division=division,
        status=S.ACCEPTED,
        received_at=received_at,
        time_limit_value=value,
        time_limit_unit=unit,
        cutoff=cutoff,
        due_at=due_at,
        **applicant,
    )
    rules.derive(dossier, calendar_for(agency))
    dossier.save()
    _record(dossier, EventKind.RECEIVED, received_at, actor, due_date=dossier.due_date.isoformat())
    return dossier


@transaction.atomic
def dossier_transfer(
    *,
    dossier: Dossier,
    actor: Person | None,
    at: dt.datetime,
    division: Division | None = None,
    note: str = "",
) -> Dossier:
    """Hand the dossier to the division that appraises it (status 4)."""
    if dossier.status != S.PROCESSING:
        _check(dossier, S.PROCESSING)
    _not_before_receipt(dossier, at)
    if division is not None and division.agency_id != dossier.agency_id:
        raise ValidationError(_("Thủ tục hoặc phòng không thuộc cơ quan này."), code="wrong_agency")
    dossier.status = S.PROCESSING
    dossier.division = division or dossier.division
    _save(dossier, "status", "division")
    _record(dossier, EventKind.TRANSFERRED, at, actor, note, division=dossier.division_id)
    return dossier


@transaction.atomic
def dossier_request_supplement(
    *, dossier: Dossier, actor: Person | None, at: dt.datetime, reason: str
) -> Dossier:
    """Phiếu yêu cầu bổ sung (status 5); a second request makes the dossier late (QĐ 766)."""
    _check(dossier, S.SUPPLEMENT)
    _not_before_receipt(dossier, at)
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ nội dung, lý do yêu cầu bổ sung."), code="reason_required")
    dossier.status = S.SUPPLEMENT
    dossier.supplement_requested_at = at
    dossier.supplement_count += 1
    _save(dossier, "status", "supplement_requested_at", "supplement_count")
    _record(dossier, EventKind.SUPPLEMENT_REQUESTED, at, actor, reason, count=dossier.supplement_count)
    return dossier


@transaction.atomic
def dossier_receive_supplement(*, dossier: Dossier, actor: Person | None, at: dt.datetime) -> Dossier:
    """The supplement is complete: the time limit restarts from zero (NĐ 61/2018 Art. 19 cl. 4)."""
    _check(dossier, S.PROCESSING)
    if dossier.status != S.SUPPLEMENT or dossier.supplement_requested_at is None:
        raise ValidationError(_("Hồ sơ không chờ bổ sung."), code="not_waiting")
    if at < dossier.supplement_requested_at:
        raise ValidationError(
            _("Thời điểm nhận bổ sung phải sau lúc yêu cầu bổ sung."), code="before_request"
        )
    dossier.status = S.PROCESSING
    dossier.supplement_received_at = at
    _save(dossier, "status", "supplement_received_at")
    _record(dossier, EventKind.SUPPLEMENT_RECEIVED, at, actor, due_date=dossier.due_date.isoformat())
    return dossier


@transaction.atomic
def dossier_extend(
    *, dossier: Dossier, actor: Person | None, at: dt.datetime, new_due_at: dt.datetime, reason: str
) -> Dossier:
    """Apology with a new return date (Art. 19 cl. 9): once only, at least 1 day before the due date.

    The due date used for classification does not move; the dossier is reported as late with apology.
    """
    if dossier.status not in OPEN:
        raise ValidationError(_("Chỉ gia hạn được hồ sơ đang giải quyết."), code="not_open")
    if dossier.extended_due_at is not None:
        raise ValidationError(
            _("Hồ sơ đã được hẹn lại ngày trả một lần; không được hẹn lại lần nữa."), code="once"
        )
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do chậm trả kết quả."), code="reason_required")
    if rules.local_date(at) > dossier.due_date - dt.timedelta(days=1):
        raise ValidationError(
            _("Phải xin lỗi và hẹn lại chậm nhất 01 ngày trước hạn ({due}).").format(
                due=f"{dossier.due_date:%d/%m/%Y}"
            ),
            code="too_late",
        )
    if rules.local_date(new_due_at) <= dossier.due_date:
        raise ValidationError(_("Ngày hẹn mới phải sau hạn giải quyết."), code="not_later")
    dossier.extended_due_at = new_due_at
    dossier.extension_reason = reason
    _save(dossier, "extended_due_at", "extension_reason")
    _record(dossier, EventKind.EXTENDED, at, actor, reason, new_due_at=new_due_at.isoformat())
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, actor: Person | None, at: dt.datetime, note: str = "") -> Dossier:
    """The applicant asks to withdraw (status 7); the officer then confirms with dossier_stop."""
    _check(dossier, S.WITHDRAWAL)
    _not_before_receipt(dossier, at)
    dossier.status = S.WITHDRAWAL
    dossier.stopped_at = at
    _save(dossier, "status", "stopped_at")
    _record(dossier, EventKind.WITHDRAWN, at, actor, note)
    return dossier


@transaction.atomic
def dossier_stop(*, dossier: Dossier, actor: Person | None, at: dt.datetime, reason: str) -> Dossier:
    """Stop processing (status 8): refusal after appraisal, or a confirmed withdrawal; needs a reason."""
    _check(dossier, S.STOPPED)
    _not_before_receipt(dossier, at)
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do dừng xử lý."), code="reason_required")
    if not (dossier.status == S.WITHDRAWAL and dossier.stopped_at):
        dossier.stopped_at = at
    dossier.status = S.STOPPED
    _save(dossier, "status", "stopped_at")
    _record(dossier, EventKind.STOPPED, at, actor, reason)
    return dossier


@transaction.atomic
def dossier_resolve(*, dossier: Dossier, actor: Person | None, at: dt.datetime, note: str = "") -> Dossier:
    """The result is ready at the one-stop desk (status 9): the end of processing for timeliness."""
    _check(dossier, S.RESOLVED)
    _not_before_receipt(dossier, at)
    dossier.status = S.RESOLVED
    dossier.resolved_at = at
    _save(dossier, "status", "resolved_at")
    _record(
        dossier,
        EventKind.RESOLVED,
        at,
        actor,
        note,
        timeliness=rules.timeliness_of(dossier, rules.local_date(at)),
    )
    return dossier


@transaction.atomic
def dossier_return(*, dossier: Dossier, actor: Person | None, at: dt.datetime, note: str = "") -> Dossier:
    """The result is handed over to the applicant (status 10)."""
    _check(dossier, S.RETURNED)
    if dossier.resolved_at and at < dossier.resolved_at:
        raise ValidationError(_("Thời điểm trả kết quả phải sau lúc xử lý xong."), code="before_resolved")
    dossier.status = S.RETURNED
    dossier.returned_at = at
    _save(dossier, "status", "returned_at")
    _record(dossier, EventKind.RETURNED, at, actor, note)
    return dossier


# -- Upserts from another system (the API) -------------------------------------------------------------------

UPSERT_COLUMNS = [
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


@dataclass
class UpsertOutcome:
    """What `dossiers_upsert` did: per-row results ("created", "updated", "unchanged") or the refusals
    as (row index, column, message); nothing is written when there is any refusal."""

    results: dict[str, str]
    errors: list[tuple[int, str, str]]

    @property
    def ok(self) -> bool:
        return not self.errors


def _upsert_result(dossier: Dossier, before: dict[str, dt.datetime]) -> str:
    if dossier.code not in before:
        return "created"
    return "updated" if dossier.updated_at != before[dossier.code] else "unchanged"


@transaction.atomic
def dossiers_upsert(*, agency: Agency, actor: Person | None, rows: list[dict[str, str]]) -> UpsertOutcome:
    """Create or update dossiers by code from snapshot rows (the columns of the file import, as text).

    The rows go through the file import itself (`eiso.dossiers.imports.dossier_import`), so a dossier pushed
    by another system obeys exactly the rules of an imported file: all or nothing, statuses 1–10 with the
    times each needs, supplements, extension, withdrawal, stop, result, return. On top of the import, each
    created or changed dossier gets a domain event and a history entry naming `actor`.
    """
    from eiso.core.models import DomainEvent
    from eiso.dossiers.imports import dossier_import

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=UPSERT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    codes = [row["code"] for row in rows]
    before = dict(Dossier.objects.filter(agency=agency, code__in=codes).values_list("code", "updated_at"))
    last_event = DomainEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    report = dossier_import(agency=agency, file=io.BytesIO(buffer.getvalue().encode()))
    if not report.ok:
        return UpsertOutcome({}, [(e.row - 2, e.column, e.message) for e in report.errors])
    DomainEvent.objects.filter(pk__gt=last_event, agency=agency, verb="dossier.imported").update(actor=actor)
    touched = list(Dossier.objects.filter(agency=agency, code__in=codes))
    results = {d.code: _upsert_result(d, before) for d in touched}
    changed = [d for d in touched if results[d.code] != "unchanged"]
    user = actor.user if actor is not None else None
    for result, update in (("created", False), ("updated", True)):
        Dossier.history.bulk_history_create(
            [d for d in changed if results[d.code] == result], update=update, default_user=user
        )
    DomainEvent.objects.bulk_create(
        DomainEvent(
            agency=agency,
            actor=actor,
            verb=f"dossier.{results[d.code]}",
            target_type=Dossier._meta.label_lower,
            target_id=d.pk,
            data={"status": d.status, "via": "upsert"},
        )
        for d in changed
    )
    return UpsertOutcome(results, [])
