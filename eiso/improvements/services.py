"""Writes of nonconformities and corrective action requests, with the gates used in practice, and of the
nonconformities proposed from late dossiers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.audits.choices import FindingKind
from eiso.audits.models import Finding
from eiso.core.choices import Role
from eiso.core.immutability import ensure_editable
from eiso.core.models import Agency, Division, Person
from eiso.core.permissions import require
from eiso.core.services import event_record
from eiso.improvements import permissions
from eiso.improvements.choices import OPEN_CAR_STATES, CarState, NcSource, ProposalState, Verification
from eiso.improvements.models import ActionItem, CorrectiveAction, NcProposal, Nonconformity, ProposedDossier
from eiso.improvements.permissions import can_approve, can_plan, can_verify

PLANNING_STATES = (CarState.PROPOSED, CarState.ANALYSING)


def _state_error(car: CorrectiveAction) -> ValidationError:
    return ValidationError(
        _("Phiếu {number} đang ở trạng thái “{state}”, không thể thực hiện thao tác này.").format(
            number=car.number, state=car.get_state_display()
        ),
        code="bad_state",
    )


def _require_state(car: CorrectiveAction, *states: str) -> None:
    """A closed, forwarded or cancelled request is frozen, whatever this instance still says."""
    ensure_editable(car, message=_("Phiếu {number} đã kết thúc, không sửa được.").format(number=car.number))
    if car.state not in states:
        raise _state_error(car)


@transaction.atomic
def nonconformity_raise(
    *,
    agency: Agency,
    actor: Person,
    description: str,
    raised_on: dt.date,
    division: Division | None = None,
    source_kind: str = NcSource.MANUAL,
    finding: Finding | None = None,
    dossier_ids: list[int] | None = None,
    procedure: Any = None,
    source_note: str = "",
) -> Nonconformity:
    if not description.strip():
        raise ValidationError({"description": _("Nhập mô tả sự không phù hợp.")})
    if source_kind == NcSource.AUDIT_FINDING:
        if finding is None:
            raise ValidationError({"finding": _("Chọn phát hiện đánh giá là nguồn của sự không phù hợp.")})
        if finding.audit.agency_id != agency.pk or finding.kind != FindingKind.NONCONFORMITY:
            raise ValidationError({"finding": _("Phát hiện được chọn không phải điểm không phù hợp.")})
        division = division or finding.division
    if division is not None and division.agency_id != agency.pk:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    nc = Nonconformity.objects.create(
        agency=agency,
        source_kind=source_kind,
        finding=finding,
        dossier_ids=sorted(dossier_ids or []),
        procedure=procedure,
        source_note=source_note,
        division=division,
        description=description,
        raised_on=raised_on,
        raised_by=actor,
    )
    event_record(agency=agency, actor=actor, verb="nonconformity.raised", target=nc)
    return nc


def _next_number(agency: Agency, on: dt.date) -> str:
    count = CorrectiveAction.objects.filter(agency=agency, requested_on__year=on.year).count()
    number = f"{count + 1:02d}/{on.year}"
    while CorrectiveAction.objects.filter(agency=agency, number=number).exists():
        count += 1
        number = f"{count + 1:02d}/{on.year}"
    return number


@transaction.atomic
def corrective_action_request(
    *,
    nonconformity: Nonconformity,
    actor: Person,
    on: dt.date,
    follow_up_of: CorrectiveAction | None = None,
) -> CorrectiveAction:
    """Part 1: raise the request for a nonconformity (one open request at a time), on or after the day it
    was raised. The ISO secretary or the leadership raises it; a follow-up is raised by whoever found the
    previous request not effective."""
    if nonconformity.cancelled_on is not None:
        raise ValidationError(_("Sự không phù hợp đã bị hủy, không lập phiếu được."), code="cancelled")
    if follow_up_of is None:
        require(permissions.can_request(actor, nonconformity))
    if on < nonconformity.raised_on:
        raise ValidationError(
            {
                "on": _("Ngày yêu cầu không được trước ngày ghi nhận sự không phù hợp ({date}).").format(
                    date=nonconformity.raised_on.strftime("%d/%m/%Y")
                )
            }
        )
    open_request = nonconformity.corrective_actions.filter(state__in=OPEN_CAR_STATES).first()
    if open_request is not None:
        raise ValidationError(
            _("Sự không phù hợp này đã có phiếu {number} đang mở.").format(number=open_request.number),
            code="already_open",
        )
    car = CorrectiveAction.objects.create(
        agency=nonconformity.agency,
        number=_next_number(nonconformity.agency, on),
        nonconformity=nonconformity,
        follow_up_of=follow_up_of,
        requested_by=actor,
        requested_on=on,
    )
    event_record(agency=car.agency, actor=actor, verb="corrective_action.requested", target=car)
    return car


@transaction.atomic
def corrective_action_analyse(
    *,
    car: CorrectiveAction,
    actor: Person,
    root_cause: str,
    correction: str = "",
    whys: list[str] | None = None,
    due_on: dt.date | None = None,
    verify_after: dt.date | None = None,
) -> CorrectiveAction:
    """Part 2: root cause, the immediate correction and the dates; proposed → analysing."""
    _require_state(car, *PLANNING_STATES)
    if not can_plan(actor, car):
        raise ValidationError(_("Chỉ trưởng phòng có sự không phù hợp hoặc thư ký ISO được lập kế hoạch."))
    if not root_cause.strip():
        raise ValidationError({"root_cause": _("Nhập nguyên nhân của sự không phù hợp.")})
    check_car_dates(car=car, due_on=due_on, verify_after=verify_after)
    if due_on and verify_after and verify_after < due_on:
        raise ValidationError(
            {"verify_after": _("Ngày xác minh hiệu lực không được trước thời hạn hoàn thành.")}
        )
    car.root_cause = root_cause
    car.correction = correction
    car.whys = [w.strip() for w in (whys or []) if w.strip()]
    car.due_on = due_on
    car.verify_after = verify_after
    car.state = CarState.ANALYSING
    car.save(
        update_fields=["root_cause", "correction", "whys", "due_on", "verify_after", "state", "updated_at"]
    )
    event_record(agency=car.agency, actor=actor, verb="corrective_action.analysed", target=car)
    return car


@transaction.atomic
def action_item_add(
    *, car: CorrectiveAction, actor: Person, description: str, owner: Person, deadline: dt.date
) -> ActionItem:
    _require_state(car, *PLANNING_STATES)
    check_car_dates(car=car, deadline=deadline)
    if not can_plan(actor, car):
        raise ValidationError(_("Chỉ trưởng phòng có sự không phù hợp hoặc thư ký ISO được lập kế hoạch."))
    if owner.agency_id != car.agency_id:
        raise ValidationError({"owner": _("Người thực hiện không thuộc cơ quan.")})
    if not description.strip():
        raise ValidationError({"description": _("Nhập nội dung hành động.")})
    item = ActionItem.objects.create(
        corrective_action=car, description=description, owner=owner, deadline=deadline
    )
    event_record(agency=car.agency, actor=actor, verb="corrective_action.action_added", target=item)
    return item


def _check_plan(car: CorrectiveAction) -> None:
    if not car.root_cause.strip():
        raise ValidationError(_("Chưa phân tích nguyên nhân."), code="no_root_cause")
    if not car.actions.exists():
        raise ValidationError(
            _("Kế hoạch khắc phục phải có ít nhất một hành động có người thực hiện và thời hạn."),
            code="no_actions",
        )
    if car.due_on is None or car.verify_after is None:
        raise ValidationError(_("Nhập thời hạn hoàn thành và ngày xác minh hiệu lực."), code="no_dates")


@transaction.atomic
def corrective_action_submit(*, car: CorrectiveAction, actor: Person) -> CorrectiveAction:
    """Send the plan for approval: analysing → awaiting_approval."""
    _require_state(car, CarState.ANALYSING)
    if not can_plan(actor, car):
        raise ValidationError(_("Chỉ trưởng phòng có sự không phù hợp hoặc thư ký ISO được lập kế hoạch."))
    _check_plan(car)
    car.state = CarState.AWAITING_APPROVAL
    car.save(update_fields=["state", "updated_at"])
    event_record(agency=car.agency, actor=actor, verb="corrective_action.submitted", target=car)
    return car


@transaction.atomic
def corrective_action_approve(
    *, car: CorrectiveAction, actor: Person, at: dt.datetime, note: str = ""
) -> CorrectiveAction:
    """Part 3: approve the plan; awaiting_approval → in_progress (never without an action)."""
    _require_state(car, CarState.AWAITING_APPROVAL)
    if not can_approve(actor, car):
        raise ValidationError(_("Bạn không có quyền phê duyệt phiếu này."), code="forbidden")
    _check_plan(car)
    car.state = CarState.IN_PROGRESS
    car.approved_by = actor
    car.approved_at = at
    car.approval_note = note
    car.save(update_fields=["state", "approved_by", "approved_at", "approval_note", "updated_at"])
    event_record(agency=car.agency, actor=actor, verb="corrective_action.approved", target=car)
    return car


@transaction.atomic
def corrective_action_return(*, car: CorrectiveAction, actor: Person, note: str) -> CorrectiveAction:
    """Send the plan back for more analysis: awaiting_approval → analysing."""
    _require_state(car, CarState.AWAITING_APPROVAL)
    if not can_approve(actor, car):
        raise ValidationError(_("Bạn không có quyền phê duyệt phiếu này."), code="forbidden")
    if not note.strip():
        raise ValidationError({"note": _("Nhập lý do trả lại.")})
    car.state = CarState.ANALYSING
    car.approval_note = note
    car.save(update_fields=["state", "approval_note", "updated_at"])
    event_record(agency=car.agency, actor=actor, verb="corrective_action.returned", target=car)
    return car


@transaction.atomic
def action_item_done(*, item: ActionItem, actor: Person, at: dt.datetime, note: str = "") -> ActionItem:
    """Mark an action done; when the last one is done the request waits for verification."""
    car = item.corrective_action
    _require_state(car, CarState.IN_PROGRESS)
    if item.done_at is not None:
        raise ValidationError(_("Hành động này đã hoàn thành."), code="done")
    if actor.pk != item.owner_id and not can_plan(actor, car):
        raise ValidationError(_("Chỉ người thực hiện hoặc trưởng phòng được báo cáo hoàn thành."))
    item.done_at = at
    item.done_note = note
    item.save(update_fields=["done_at", "done_note", "updated_at"])
    event_record(agency=car.agency, actor=actor, verb="corrective_action.action_done", target=item)
    if not car.actions.filter(done_at__isnull=True).exists():
        car.state = CarState.VERIFYING
        car.save(update_fields=["state", "updated_at"])
        event_record(
            agency=car.agency, actor=actor, verb="corrective_action.ready_for_verification", target=car
        )
    return item


@transaction.atomic
def corrective_action_verify(
    *, car: CorrectiveAction, actor: Person, on: dt.date, result: str, note: str = ""
) -> CorrectiveAction:
    """Part 4: effective → closed; not effective → forwarded, with a follow-up request linked to it."""
    _require_state(car, CarState.VERIFYING)
    if not can_verify(actor):
        raise ValidationError(
            _("Chỉ chuyên gia đánh giá hoặc thư ký ISO được xác minh hiệu lực."), code="forbidden"
        )
    if car.actions.filter(done_at__isnull=True).exists():
        raise ValidationError(_("Còn hành động chưa hoàn thành."), code="actions_open")
    if car.verify_after and on < car.verify_after:
        raise ValidationError(
            {
                "on": _("Chỉ xác minh hiệu lực từ ngày {date}.").format(
                    date=car.verify_after.strftime("%d/%m/%Y")
                )
            }
        )
    if result not in Verification.values:
        raise ValidationError({"result": _("Chọn kết quả xác minh.")})
    if result == Verification.NOT_EFFECTIVE and not note.strip():
        raise ValidationError({"note": _("Nêu lý do hành động khắc phục không có hiệu lực.")})
    car.verified_by = actor
    car.verified_on = on
    car.verification = result
    car.verification_note = note
    fields = ["verified_by", "verified_on", "verification", "verification_note", "state", "updated_at"]
    if result == Verification.EFFECTIVE:
        car.state = CarState.CLOSED
        car.closed_on = on
        fields.append("closed_on")
    else:
        car.state = CarState.FORWARDED
    car.save(update_fields=fields)
    event_record(agency=car.agency, actor=actor, verb=f"corrective_action.verified_{result}", target=car)
    if result == Verification.NOT_EFFECTIVE:
        corrective_action_request(nonconformity=car.nonconformity, actor=actor, on=on, follow_up_of=car)
    return car


@transaction.atomic
def corrective_action_cancel(*, car: CorrectiveAction, actor: Person, reason: str) -> CorrectiveAction:
    """Nothing is deleted: an open request is cancelled with a reason."""
    _require_state(car, *OPEN_CAR_STATES)
    if not actor.has_role(Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        raise ValidationError(_("Chỉ thư ký ISO hoặc lãnh đạo được hủy phiếu."), code="forbidden")
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do hủy phiếu.")})
    car.state = CarState.CANCELLED
    car.cancel_reason = reason
    car.save(update_fields=["state", "cancel_reason", "updated_at"])
    event_record(agency=car.agency, actor=actor, verb="corrective_action.cancelled", target=car)
    return car


# --- late dossiers → proposed nonconformities ------------------------------------------------------------

LOOKBACK_DAYS = 31


@transaction.atomic
def nc_proposals_generate(*, agency: Agency, today: dt.date) -> list[NcProposal]:
    """Propose a nonconformity for dossiers that became overdue or were resolved late (idempotent).

    Late dossiers of the same procedure and division join the open proposal for them; a dossier is never
    proposed twice (ProposedDossier.dossier_id is unique).
    """
    from eiso.dossiers.selectors import late_dossiers

    already = ProposedDossier.objects.filter(proposal__agency=agency).values("dossier_id")
    dossiers = (
        late_dossiers(agency=agency, date_from=today - dt.timedelta(days=LOOKBACK_DAYS), date_to=today)
        .exclude(pk__in=already)
        .filter(due_date__lt=today, due_date__gte=today - dt.timedelta(days=LOOKBACK_DAYS))
        .only("pk", "code", "due_date", "finished_on", "procedure_id", "division_id")
    )
    touched: dict[tuple[int, int | None], NcProposal] = {}
    for dossier in dossiers:
        key = (dossier.procedure_id, dossier.division_id)
        proposal = touched.get(key)
        if proposal is None:
            same_division = (
                Q(division_id=dossier.division_id) if dossier.division_id else Q(division__isnull=True)
            )
            proposal = NcProposal.objects.filter(
                same_division, agency=agency, procedure_id=dossier.procedure_id, state=ProposalState.PROPOSED
            ).first() or NcProposal.objects.create(
                agency=agency,
                procedure_id=dossier.procedure_id,
                division_id=dossier.division_id,
                proposed_on=today,
            )
            touched[key] = proposal
        ProposedDossier.objects.create(
            proposal=proposal,
            dossier_id=dossier.pk,
            code=dossier.code,
            due_date=dossier.due_date,
            finished_on=dossier.finished_on,
        )
    for proposal in touched.values():
        event_record(agency=agency, actor=None, verb="nc_proposal.dossiers_added", target=proposal)
    return list(touched.values())


def _require_proposed(proposal: NcProposal) -> None:
    if proposal.state != ProposalState.PROPOSED:
        raise ValidationError(_("Đề xuất này đã được xử lý."), code="decided")


@transaction.atomic
def nc_proposal_accept(
    *, proposal: NcProposal, actor: Person, at: dt.datetime, description: str = ""
) -> Nonconformity:
    """The secretary accepts: a nonconformity linked to the late dossiers is raised."""
    _require_proposed(proposal)
    if not actor.has_role(Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        raise ValidationError(_("Chỉ thư ký ISO hoặc lãnh đạo được xử lý đề xuất."), code="forbidden")
    rows = list(proposal.dossiers.values_list("dossier_id", "code"))
    codes = ", ".join(code for _id, code in rows)
    nc = nonconformity_raise(
        agency=proposal.agency,
        actor=actor,
        description=description.strip()
        or _("{count} hồ sơ thủ tục “{procedure}” giải quyết trễ hạn: {codes}.").format(
            count=len(rows), procedure=proposal.procedure.name, codes=codes
        ),
        raised_on=timezone.localdate(at),
        division=proposal.division,
        source_kind=NcSource.LATE_DOSSIER,
        dossier_ids=[pk for pk, _code in rows],
        procedure=proposal.procedure,
        source_note=codes[:255],
    )
    proposal.state = ProposalState.ACCEPTED
    proposal.decided_by = actor
    proposal.decided_at = at
    proposal.nonconformity = nc
    proposal.save(update_fields=["state", "decided_by", "decided_at", "nonconformity", "updated_at"])
    event_record(agency=proposal.agency, actor=actor, verb="nc_proposal.accepted", target=proposal)
    return nc


@transaction.atomic
def nc_proposal_dismiss(*, proposal: NcProposal, actor: Person, at: dt.datetime, reason: str) -> NcProposal:
    _require_proposed(proposal)
    if not actor.has_role(Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        raise ValidationError(_("Chỉ thư ký ISO hoặc lãnh đạo được xử lý đề xuất."), code="forbidden")
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do bỏ qua đề xuất.")})
    proposal.state = ProposalState.DISMISSED
    proposal.decided_by = actor
    proposal.decided_at = at
    proposal.dismiss_reason = reason
    proposal.save(update_fields=["state", "decided_by", "decided_at", "dismiss_reason", "updated_at"])
    event_record(agency=proposal.agency, actor=actor, verb="nc_proposal.dismissed", target=proposal)
    return proposal


def check_car_dates(
    *,
    car: CorrectiveAction,
    due_on: dt.date | None = None,
    verify_after: dt.date | None = None,
    deadline: dt.date | None = None,
) -> None:
    """The dates of a corrective action cannot precede its request."""
    requested = car.requested_on.strftime("%d/%m/%Y")
    for field, value in (("due_on", due_on), ("verify_after", verify_after), ("deadline", deadline)):
        if value is not None and value < car.requested_on:
            raise ValidationError(
                {field: _("Ngày này không được trước ngày yêu cầu ({date}).").format(date=requested)}
            )


@transaction.atomic
def nonconformity_update(
    *,
    nc: Nonconformity,
    actor: Person,
    description: str,
    raised_on: dt.date,
    division: Division | None = None,
    source_kind: str | None = None,
    source_note: str = "",
) -> Nonconformity:
    """Correct a nonconformity until a corrective action on it is approved; kept in its history."""
    require(permissions.can_edit_nc(actor, nc), _("Sự không phù hợp này không còn sửa được."))
    if not description.strip():
        raise ValidationError({"description": _("Nhập mô tả sự không phù hợp.")})
    if division is not None and division.agency_id != nc.agency_id:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    if nc.finding is not None and raised_on < nc.finding.found_on:
        raise ValidationError({"raised_on": _("Ngày ghi nhận không được trước ngày phát hiện.")})
    if source_kind and nc.source_kind not in (NcSource.AUDIT_FINDING, NcSource.LATE_DOSSIER):
        nc.source_kind = source_kind
    nc.description, nc.raised_on, nc.division, nc.source_note = description, raised_on, division, source_note
    nc.save(
        update_fields=["description", "raised_on", "division", "source_note", "source_kind", "updated_at"]
    )
    event_record(agency=nc.agency, actor=actor, verb="nonconformity.corrected", target=nc)
    return nc


@transaction.atomic
def nonconformity_cancel(*, nc: Nonconformity, actor: Person, on: dt.date, reason: str) -> Nonconformity:
    """Cancel a nonconformity recorded by mistake, with a reason; it stays in the register as cancelled."""
    require(
        permissions.can_cancel_nc(actor, nc),
        _("Chỉ hủy được sự không phù hợp chưa có phiếu khắc phục đang mở."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    nc.cancelled_on, nc.cancel_reason = on, reason.strip()
    nc.save(update_fields=["cancelled_on", "cancel_reason", "updated_at"])
    event_record(agency=nc.agency, actor=actor, verb="nonconformity.cancelled", target=nc)
    return nc
