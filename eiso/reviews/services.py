"""Writes of the management review. Every write is atomic, validated first and recorded as a DomainEvent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.audits.models import AuditProgramme
from eiso.audits.services import programme_create, programme_item_add
from eiso.core.choices import Role
from eiso.core.immutability import ensure_editable, require_number
from eiso.core.models import Agency, Division, Person, SteeringCommittee
from eiso.core.services import event_record
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.services import objective_set_copy
from eiso.reviews.choices import (
    ActionState,
    Attendance,
    DecisionKind,
    ProviderKind,
    ProviderResult,
    RecordKind,
    ReviewState,
)
from eiso.reviews.models import (
    INTERNAL_AUDIT_BUDGET_CAP_VND,
    BudgetLine,
    ExternalProvider,
    ManagementReview,
    ProviderEvaluation,
    QmsChange,
    QmsPlan,
    QmsRecord,
    ReviewDecision,
    ReviewInput,
    ReviewParticipant,
)
from eiso.reviews.sections import SECTIONS, commentary_warnings
from eiso.signatures.services import (
    require_signer_acting,
    signed_issue_pdf,
)


def _same_agency(agency: Agency, *people: Person | None) -> None:
    for person in people:
        if person is not None and person.agency_id != agency.pk:
            raise ValidationError(_("Cán bộ {name} không thuộc cơ quan này.").format(name=person))


@transaction.atomic
def review_plan(
    *,
    agency: Agency,
    year: int,
    planned_on: dt.date,
    chair: Person,
    secretary: Person,
    actor: Person | None,
    place: str = "",
    invited: list[Person] | None = None,
) -> ManagementReview:
    """Plan the year's review; invite the chair, the secretary and the current ISO steering committee."""
    _same_agency(agency, chair, secretary, *(invited or []))
    if ManagementReview.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(_("Năm {year} đã có cuộc họp xem xét của lãnh đạo.").format(year=year))
    if planned_on.year != year:
        raise ValidationError(_("Ngày họp dự kiến phải thuộc năm {year}.").format(year=year))
    review = ManagementReview.objects.create(
        agency=agency, year=year, planned_on=planned_on, place=place, chair=chair, secretary=secretary
    )
    people = list(invited) if invited is not None else _committee(agency)
    for person in [chair, secretary, *people]:
        ReviewParticipant.objects.get_or_create(review=review, person=person)
    event_record(agency=agency, actor=actor, verb="review.planned", target=review, data={"year": year})
    return review


def _committee(agency: Agency) -> list[Person]:
    committee = SteeringCommittee.objects.filter(agency=agency, is_current=True).first()
    if committee is None:
        return []
    return [committee.head, committee.secretary, *committee.members.all()]


@transaction.atomic
def review_update(*, review: ManagementReview, actor: Person | None, **fields: Any) -> ManagementReview:
    """Change the meeting details (date, place, chair, secretary, discussion) until it closes."""
    allowed = {
        "planned_on",
        "place",
        "chair",
        "secretary",
        "discussion",
        "conclusion",
        "started_at",
        "ended_at",
    }
    if unknown := set(fields) - allowed:
        raise ValidationError(_("Không sửa được: {fields}.").format(fields=", ".join(sorted(unknown))))
    ensure_editable(review, message=_("Biên bản đã ban hành, không sửa được nội dung cuộc họp."))
    _same_agency(review.agency, fields.get("chair"), fields.get("secretary"))
    for name, value in fields.items():
        setattr(review, name, value)
    review.save(update_fields=[*fields, "updated_at"])
    event_record(
        agency=review.agency,
        actor=actor,
        verb="review.updated",
        target=review,
        data={"fields": sorted(fields)},
    )
    return review


@transaction.atomic
def review_collect_inputs(
    *, review: ManagementReview, as_of: dt.date, actor: Person | None
) -> ManagementReview:
    """Compile (or refresh) every input section as of `as_of`; refused once the meeting is held."""
    review = ManagementReview.objects.select_for_update().get(pk=review.pk)
    if review.is_frozen:
        raise ValidationError(_("Cuộc họp đã diễn ra: số liệu đầu vào đã được chốt, không tổng hợp lại."))
    if as_of.year != review.year:
        raise ValidationError(_("Ngày chốt số liệu phải thuộc năm {year}.").format(year=review.year))
    for order, section in enumerate(SECTIONS, start=1):
        data = section.compile(review, as_of)
        chart = section.figure(data)
        ReviewInput.objects.update_or_create(
            review=review,
            key=section.key,
            defaults={
                "clause": section.clause,
                "order": order,
                "title": str(section.title),
                "data": data,
                "chart_svg": chart.decode("utf-8") if chart else "",
            },
        )
    review.inputs_as_of = as_of
    review.inputs_collected_at = timezone.now()
    review.state = ReviewState.INPUTS_COLLECTED
    review.save(update_fields=["inputs_as_of", "inputs_collected_at", "state", "updated_at"])
    event_record(
        agency=review.agency,
        actor=actor,
        verb="review.inputs_collected",
        target=review,
        data={"as_of": as_of.isoformat()},
    )
    return review


@transaction.atomic
def input_comment(*, review_input: ReviewInput, commentary: str, actor: Person | None) -> ReviewInput:
    """The secretary's commentary on one input section; editable until the minutes are issued."""
    review = review_input.review
    ensure_editable(review_input, message=_("Biên bản đã ban hành, không sửa được nhận xét."))
    review_input.commentary = commentary.strip()
    review_input.save(update_fields=["commentary", "updated_at"])
    event_record(agency=review.agency, actor=actor, verb="review.input_commented", target=review_input)
    return review_input


@transaction.atomic
def review_hold(
    *,
    review: ManagementReview,
    held_on: dt.date,
    present: list[Person],
    actor: Person | None,
    started_at: dt.time | None = None,
    ended_at: dt.time | None = None,
    discussion: str = "",
    acknowledged: bool = False,
) -> ManagementReview:
    """Record that the meeting took place: attendance, times, discussion. The inputs are frozen from now.

    Where the secretary's commentary sits beside figures that signal a problem (overdue, not met, open past
    deadline), freezing is refused until the person acknowledges those signals (`acknowledged`): a lead
    auditor expects the contradiction to have been seen and owned, not blocked outright (the commentary may
    rightly qualify the figures) nor passed silently. The acknowledged signals are kept in the event.
    """
    review = ManagementReview.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.INPUTS_COLLECTED:
        raise ValidationError(_("Chưa tổng hợp số liệu đầu vào: chưa thể ghi nhận cuộc họp."))
    warnings = commentary_warnings(review.inputs.order_by("order"))
    if warnings and not acknowledged:
        raise ValidationError(
            {
                "acknowledged": _(
                    "Nhận xét của thư ký nằm cạnh số liệu cần lưu ý ({sections}). Đối chiếu nhận xét với số "
                    "liệu, sửa nhận xét nếu cần, rồi xác nhận đã xem trước khi chốt số liệu."
                ).format(sections="; ".join(item.title for item, _signals in warnings))
            }
        )
    if held_on.year != review.year:
        raise ValidationError(_("Ngày họp phải thuộc năm {year}.").format(year=review.year))
    if review.inputs_as_of and held_on < review.inputs_as_of:
        raise ValidationError(_("Ngày họp không được trước ngày chốt số liệu."))
    if started_at and ended_at and ended_at <= started_at:
        raise ValidationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    _same_agency(review.agency, *present)
    present_ids = {p.pk for p in present}
    for person in present:
        ReviewParticipant.objects.get_or_create(review=review, person=person)
    for participant in review.attendance.all():
        participant.attendance = (
            Attendance.PRESENT if participant.person_id in present_ids else Attendance.ABSENT
        )
        participant.save(update_fields=["attendance", "updated_at"])
    review.held_on = held_on
    review.started_at = started_at
    review.ended_at = ended_at
    review.discussion = discussion or review.discussion
    review.state = ReviewState.HELD
    review.save(update_fields=["held_on", "started_at", "ended_at", "discussion", "state", "updated_at"])
    event_record(
        agency=review.agency,
        actor=actor,
        verb="review.held",
        target=review,
        data={
            "held_on": held_on.isoformat(),
            "acknowledged_signals": {item.key: signals for item, signals in warnings},
        },
    )
    return review


def budget_used(*, agency: Agency, budget_year: int, exclude: ReviewDecision | None = None) -> int:
    """Internal-audit budget already decided for `budget_year` (SQL sum)."""
    queryset = ReviewDecision.objects.filter(
        review__agency=agency, is_internal_audit_budget=True, budget_year=budget_year
    ).exclude(state=ActionState.CANCELLED)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return int(queryset.aggregate(total=Sum("amount_vnd"))["total"] or 0)


@transaction.atomic
def decision_add(
    *,
    review: ManagementReview,
    kind: str,
    text: str,
    actor: Person | None,
    owner: Person | None = None,
    owner_division: Division | None = None,
    deadline: dt.date | None = None,
    amount_vnd: int | None = None,
    is_internal_audit_budget: bool = False,
    budget_year: int | None = None,
) -> ReviewDecision:
    """Record a conclusion or directive of a held meeting, before its minutes are issued; it becomes a
    tracked action. A directive given later is recorded in the next review (an amendment is a record)."""
    ensure_editable(
        review,
        message=_(
            "Biên bản đã ban hành, không bổ sung kết luận được; kết luận bổ sung được ghi tại cuộc họp "
            "xem xét tiếp theo."
        ),
    )
    if review.state != ReviewState.HELD:
        raise ValidationError(_("Chỉ ghi kết luận khi cuộc họp đã diễn ra và chưa kết thúc."))
    if kind not in DecisionKind.values:
        raise ValidationError(_("Phân loại kết luận không hợp lệ."))
    if not text.strip():
        raise ValidationError(_("Nhập nội dung kết luận."))
    _same_agency(review.agency, owner)
    if owner_division is not None and owner_division.agency_id != review.agency_id:
        raise ValidationError(_("Phòng không thuộc cơ quan này."))
    if amount_vnd is not None and kind != DecisionKind.RESOURCE_NEED:
        raise ValidationError(_("Chỉ kết luận về nguồn lực mới có kinh phí."))
    if is_internal_audit_budget:
        if amount_vnd is None:
            raise ValidationError(_("Nhập số kinh phí đánh giá nội bộ."))
        budget_year = budget_year or review.year + 1
        used = budget_used(agency=review.agency, budget_year=budget_year)
        if used + amount_vnd > INTERNAL_AUDIT_BUDGET_CAP_VND:
            raise ValidationError(
                _(
                    "Kinh phí duy trì, cải tiến HTQLCL năm {year} vượt mức tối đa {cap} đồng/năm "
                    "(TT 116/2015/TT-BTC, Điều 4): đã có {used} đồng, đề nghị thêm {amount} đồng."
                ).format(
                    year=budget_year,
                    cap=_vnd(INTERNAL_AUDIT_BUDGET_CAP_VND),
                    used=_vnd(used),
                    amount=_vnd(amount_vnd),
                )
            )
    decision = ReviewDecision.objects.create(
        review=review,
        kind=kind,
        text=text.strip(),
        owner=owner,
        owner_division=owner_division,
        deadline=deadline,
        amount_vnd=amount_vnd,
        is_internal_audit_budget=is_internal_audit_budget,
        budget_year=budget_year if amount_vnd is not None else None,
    )
    event_record(agency=review.agency, actor=actor, verb="review.decision_added", target=decision)
    return decision


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


@transaction.atomic
def decision_close(
    *, decision: ReviewDecision, state: str, result_note: str, actor: Person | None, on: dt.date
) -> ReviewDecision:
    """Mark a decision's action done or cancelled, with its result."""
    if state not in (ActionState.DONE, ActionState.CANCELLED, ActionState.OPEN):
        raise ValidationError(_("Tình trạng không hợp lệ."))
    if state != ActionState.OPEN and not result_note.strip():
        raise ValidationError(_("Ghi kết quả thực hiện (hoặc lý do hủy)."))
    decision.state = state
    decision.result_note = result_note.strip()
    decision.closed_on = None if state == ActionState.OPEN else on
    decision.save(update_fields=["state", "result_note", "closed_on", "updated_at"])
    event_record(agency=decision.review.agency, actor=actor, verb=f"review.decision_{state}", target=decision)
    return decision


SIGNED_ON_ISSUE = ("bien-ban", "thong-bao")


def _sign_issued(
    review: ManagementReview, document: str, actor: Person | None, token_pin: str | None = None
) -> None:
    """Issuing = signing: with an agency key configured the signed PDF is kept (a refusal stops issuing),
    signed by the chair (with the token PIN typed on the page when the chair has a token) then the agency."""
    from eiso.reviews import paperwork

    signed_issue_pdf(
        agency=review.agency,
        target=review,
        kind=document,
        file_name=f"{paperwork.FILENAMES[document]}-{review.year}.pdf",
        pdf=paperwork.render(paperwork.DOCUMENTS[document](review), "pdf"),
        signer=review.chair,
        signer_name=review.chair.full_name,
        actor=actor,
        person_pin=token_pin,
    )


@transaction.atomic
def review_issue_minutes(
    *,
    review: ManagementReview,
    actor: Person | None,
    number: str = "",
    notice_number: str = "",
    issued_on: dt.date | None = None,
    token_pin: str | None = None,
) -> ManagementReview:
    """Issue the minutes and the conclusion notice, each with the number the clerk gave it (both required);
    with a signing key both are signed (the chair, then the agency) in the same transaction."""
    if review.state != ReviewState.HELD:
        raise ValidationError(_("Chỉ ban hành biên bản sau khi cuộc họp đã diễn ra."))
    if not review.decisions.exists():
        raise ValidationError(_("Biên bản cần ít nhất một kết luận, chỉ đạo."))
    number = require_number(number)
    if not notice_number.strip():
        raise ValidationError({"notice_number": _("Nhập số thông báo kết luận trước khi ban hành.")})
    notice_number = notice_number.strip()
    require_signer_acting(  # a chair with a token types its PIN on the page, so the chair issues
        agency=review.agency,
        signer=review.chair,
        actor=actor,
        message=_("{name} ký số bằng token: chính người chủ trì ban hành biên bản để nhập mã PIN."),
    )
    review.minutes_number, review.notice_number = number, notice_number
    review.minutes_issued_on = issued_on or review.held_on
    review.state = ReviewState.MINUTES_ISSUED
    fields = ["minutes_number", "notice_number", "minutes_issued_on", "state", "updated_at"]
    review.save(update_fields=fields)
    event_record(agency=review.agency, actor=actor, verb="review.minutes_issued", target=review)
    for document in SIGNED_ON_ISSUE:
        _sign_issued(review, document, actor, token_pin)
    return review


@transaction.atomic
def review_close(*, review: ManagementReview, actor: Person | None) -> ManagementReview:
    if review.state != ReviewState.MINUTES_ISSUED:
        raise ValidationError(_("Chỉ kết thúc sau khi đã ban hành biên bản."))
    review.state = ReviewState.CLOSED
    review.save(update_fields=["state", "updated_at"])
    event_record(agency=review.agency, actor=actor, verb="review.closed", target=review)
    return review


@transaction.atomic
def qms_change_record(
    *,
    agency: Agency,
    kind: str,
    title: str,
    effective_on: dt.date,
    actor: Person | None,
    reference: str = "",
    effect_on_documents: str = "",
    documents_updated_on: dt.date | None = None,
) -> QmsChange:
    if documents_updated_on and documents_updated_on < effective_on - dt.timedelta(days=366):
        raise ValidationError(_("Ngày cập nhật tài liệu không hợp lệ."))
    change = QmsChange.objects.create(
        agency=agency,
        kind=kind,
        title=title,
        reference=reference,
        effective_on=effective_on,
        effect_on_documents=effect_on_documents,
        documents_updated_on=documents_updated_on,
    )
    event_record(agency=agency, actor=actor, verb="review.change_recorded", target=change)
    return change


@transaction.atomic
def qms_record_issue(
    *,
    agency: Agency,
    kind: str,
    issued_on: dt.date,
    signed_by: Person,
    actor: Person | None,
    number: str = "",
    scope: str = "",
    token_pin: str | None = None,
) -> QmsRecord:
    """The announcement of conformity (Phụ lục I, QĐ 19/2014) or the head's confirmation of effectiveness.

    Issuing = signing: with the agency's key its PDF is signed by the head who signs it (with the token PIN
    typed on the page, so then the head records it) then by the agency, and every PDF download serves it."""
    if kind not in RecordKind.values:
        raise ValidationError(_("Loại hồ sơ không hợp lệ."))
    _same_agency(agency, signed_by)
    if not signed_by.has_role(Role.DIRECTOR):
        raise ValidationError(_("Người đứng đầu cơ quan (Giám đốc) ký hồ sơ này."))
    require_signer_acting(
        agency=agency,
        signer=signed_by,
        actor=actor,
        message=_("{name} ký số bằng token: chính người ký lưu hồ sơ này để nhập mã PIN."),
    )
    record = QmsRecord.objects.create(
        agency=agency, kind=kind, issued_on=issued_on, signed_by=signed_by, number=number, scope=scope
    )
    event_record(agency=agency, actor=actor, verb=f"review.record_{kind}", target=record)
    _sign_record(record, actor, token_pin)
    return record


RECORD_KIND = "ho-so"


def _sign_record(record: QmsRecord, actor: Person | None, token_pin: str | None) -> None:
    from eiso.reviews import paperwork

    signed_issue_pdf(
        agency=record.agency,
        target=record,
        kind=RECORD_KIND,
        file_name=f"{record.kind}-{record.issued_on:%Y%m%d}.pdf",
        pdf=paperwork.render(paperwork.record_document(record), "pdf"),
        signer=record.signed_by,
        signer_name=record.signed_by.full_name,
        actor=actor,
        person_pin=token_pin,
    )


@transaction.atomic
def plan_next_year(*, review: ManagementReview, actor: Person | None) -> QmsPlan:
    """Next year's QMS planning from a held review: objectives copied, an internal audit programme covering
    every active division, the budget lines and the review's directives as actions."""
    if review.state not in (ReviewState.HELD, ReviewState.MINUTES_ISSUED, ReviewState.CLOSED):
        raise ValidationError(_("Chỉ hoạch định năm sau từ cuộc họp đã diễn ra."))
    year = review.year + 1
    agency = review.agency
    plan, _created = QmsPlan.objects.get_or_create(
        agency=agency, year=year, defaults={"source_review": review}
    )
    divisions = list(Division.objects.filter(agency=agency, is_active=True))
    plan.audit_divisions.set(divisions)
    plan.objectives_copied = plan.objectives_copied or _copy_objectives(agency, review.year, year, actor)
    plan.audit_programme_created = plan.audit_programme_created or _audit_programme(
        review, year, divisions, actor
    )
    plan.save(update_fields=["objectives_copied", "audit_programme_created", "updated_at"])
    for decision in review.decisions.filter(amount_vnd__isnull=False).exclude(state=ActionState.CANCELLED):
        BudgetLine.objects.update_or_create(
            plan=plan,
            decision=decision,
            defaults={
                "item": decision.text[:255],
                "amount_vnd": decision.amount_vnd or 0,
                "is_internal_audit": decision.is_internal_audit_budget,
            },
        )
    event_record(agency=agency, actor=actor, verb="review.plan_created", target=plan, data={"year": year})
    return plan


def _copy_objectives(agency: Agency, source_year: int, year: int, actor: Person | None) -> bool:
    """Next year's objectives copied (and then extended by hand) from this year's set."""
    if ObjectiveSet.objects.filter(agency=agency, year=year).exists():
        return True
    source = ObjectiveSet.objects.filter(agency=agency, year=source_year).first()
    if source is None:
        return False
    objective_set_copy(source=source, year=year, actor=actor)
    return True


def _audit_programme(
    review: ManagementReview, year: int, divisions: list[Division], actor: Person | None
) -> bool:
    """Next year's internal audit programme covering every active division, with the decided budget."""
    agency = review.agency
    if AuditProgramme.objects.filter(agency=agency, year=year).exists():
        return True
    budget = (
        review.decisions.filter(is_internal_audit_budget=True)
        .exclude(state=ActionState.CANCELLED)
        .order_by("id")
        .first()
    )
    actor = actor or review.chair
    programme = programme_create(
        agency=agency,
        actor=actor,
        year=year,
        title=f"Chương trình đánh giá nội bộ năm {year}",
        budget_line=budget.text[:255] if budget else "",
        budget_amount=(budget.amount_vnd or 0) if budget else 0,
        note=str(review),
    )
    for division in divisions:
        programme_item_add(programme=programme, actor=actor, planned_month=7, division=division)
    return True


# --- external providers (ISO 9001 8.4, reviewed under 9.3.2 c7) -------------------------------------------


@transaction.atomic
def provider_register(
    *,
    agency: Agency,
    name: str,
    kind: str,
    service: str,
    since: dt.date,
    actor: Person | None,
    contract: str = "",
    until: dt.date | None = None,
) -> ExternalProvider:
    """Add an external provider whose service is part of the agency's one-stop service."""
    if kind not in ProviderKind.values:
        raise ValidationError({"kind": _("Loại nhà cung cấp không hợp lệ.")})
    if not name.strip() or not service.strip():
        raise ValidationError(_("Nhập tên nhà cung cấp và dịch vụ cung cấp."))
    if until and until < since:
        raise ValidationError({"until": _("Ngày ngừng sử dụng phải sau ngày bắt đầu.")})
    if ExternalProvider.objects.filter(agency=agency, name=name.strip()).exists():
        raise ValidationError({"name": _("Nhà cung cấp này đã có trong danh sách.")})
    provider = ExternalProvider.objects.create(
        agency=agency,
        name=name.strip(),
        kind=kind,
        service=service.strip(),
        contract=contract.strip(),
        since=since,
        until=until,
    )
    event_record(agency=agency, actor=actor, verb="review.provider_registered", target=provider)
    return provider


@transaction.atomic
def provider_evaluate(
    *,
    provider: ExternalProvider,
    evaluated_on: dt.date,
    period_from: dt.date,
    period_to: dt.date,
    criterion: str,
    result: str,
    actor: Person | None,
    met: int | None = None,
    total: int | None = None,
    note: str = "",
) -> ProviderEvaluation:
    """Record how a provider performed over a period against a criterion (with its count when there is one);
    a result other than "meets" needs a note saying what fell short."""
    errors: dict[str, str] = {}
    if result not in ProviderResult.values:
        errors["result"] = _("Chọn kết quả đánh giá.")
    if not criterion.strip():
        errors["criterion"] = _("Nêu tiêu chí đánh giá.")
    if period_to < period_from:
        errors["period_to"] = _("Kỳ đánh giá phải kết thúc sau khi bắt đầu.")
    elif evaluated_on < period_to:
        errors["evaluated_on"] = _("Ngày đánh giá phải sau kỳ được đánh giá.")
    if (met is None) != (total is None) or (total is not None and (total <= 0 or (met or 0) > total)):
        errors["met"] = _("Nhập cả số lượt đạt và tổng số lượt (số lượt đạt không vượt tổng số).")
    if result in (ProviderResult.PARTLY, ProviderResult.FAILS) and not note.strip():
        errors["note"] = _("Nêu điểm chưa đạt của nhà cung cấp.")
    if errors:
        raise ValidationError(errors)
    _same_agency(provider.agency, actor)
    evaluation = ProviderEvaluation.objects.create(
        provider=provider,
        evaluated_on=evaluated_on,
        period_from=period_from,
        period_to=period_to,
        criterion=criterion.strip(),
        met=met,
        total=total,
        result=result,
        note=note.strip(),
        evaluated_by=actor,
    )
    event_record(agency=provider.agency, actor=actor, verb="review.provider_evaluated", target=evaluation)
    return evaluation
