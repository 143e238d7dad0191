"""Writes of the internal audit: programme, plan and schedule (with the independence rule), checklist,
findings and the report approved by the lead auditor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from eiso.audits import permissions
from eiso.audits.choices import ChecklistResult, FindingKind, ReportStatus
from eiso.audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    ProgrammeItem,
)
from eiso.audits.report import audit_report_document
from eiso.core.choices import Role
from eiso.core.immutability import ensure_editable
from eiso.core.layout import render_pdf
from eiso.core.models import Agency, Division, Person
from eiso.core.permissions import require
from eiso.core.services import event_record
from eiso.signatures.models import SignedFile
from eiso.signatures.services import signed_issue_pdf, signing_configured


def check_independent(*, auditor: Person, division: Division) -> None:
    """ISO 9001 cl. 9.2.2 c: an auditor never audits their own division."""
    if auditor.division_id is not None and auditor.division_id == division.pk:
        raise ValidationError(
            _("{auditor} không được đánh giá chính phòng mình ({division}).").format(
                auditor=auditor.full_name, division=division.name
            ),
            code="not_independent",
        )


def _check_auditor(person: Person, agency: Agency) -> None:
    if person.agency_id != agency.pk or not person.has_role(Role.AUDITOR):
        raise ValidationError(
            _("{name} không phải chuyên gia đánh giá nội bộ của cơ quan.").format(name=person.full_name),
            code="not_auditor",
        )


def _check_draft(audit: Audit) -> None:
    """An approved report is frozen with its findings, whatever this instance still says (immutability)."""
    ensure_editable(audit, message=_("Báo cáo đánh giá đã được phê duyệt, không thể sửa."))
    if audit.report_status == ReportStatus.APPROVED:
        raise ValidationError(_("Báo cáo đánh giá đã được phê duyệt, không thể sửa."), code="approved")
    if audit.cancelled_on is not None:
        raise ValidationError(_("Cuộc đánh giá đã bị hủy, không thể sửa."), code="cancelled")


def check_plan_dates(*, starts_on: dt.date, ends_on: dt.date, programme: AuditProgramme | None) -> None:
    """The audit ends after it starts, and falls within its programme's year."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if programme is not None and not starts_on.year == ends_on.year == programme.year:
        raise ValidationError(
            {
                "starts_on": _(
                    "Cuộc đánh giá của chương trình năm {year} phải diễn ra trong năm {year}."
                ).format(year=programme.year)
            }
        )


@transaction.atomic
def programme_create(
    *,
    agency: Agency,
    actor: Person,
    year: int,
    title: str,
    budget_line: str = "",
    budget_amount: int = 0,
    note: str = "",
) -> AuditProgramme:
    if AuditProgramme.objects.filter(agency=agency, year=year).exists():
        raise ValidationError({"year": _("Năm {year} đã có chương trình đánh giá.").format(year=year)})
    programme = AuditProgramme.objects.create(
        agency=agency, year=year, title=title, budget_line=budget_line, budget_amount=budget_amount, note=note
    )
    event_record(agency=agency, actor=actor, verb="audit_programme.created", target=programme)
    return programme


@transaction.atomic
def programme_approve(*, programme: AuditProgramme, actor: Person, on: dt.date) -> AuditProgramme:
    if not actor.has_role(Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        raise ValidationError(
            _("Chỉ lãnh đạo cơ quan được phê duyệt chương trình đánh giá."), code="forbidden"
        )
    if not programme.items.exists():
        raise ValidationError(_("Chương trình chưa có nội dung nào."), code="empty")
    programme.approved_on = on
    programme.approved_by = actor
    programme.save(update_fields=["approved_on", "approved_by", "updated_at"])
    event_record(agency=programme.agency, actor=actor, verb="audit_programme.approved", target=programme)
    return programme


@transaction.atomic
def programme_item_add(
    *,
    programme: AuditProgramme,
    actor: Person,
    planned_month: int,
    division: Division | None = None,
    procedure: Any = None,
    process: Any = None,
    note: str = "",
) -> ProgrammeItem:
    if division is None and procedure is None and process is None:
        raise ValidationError(_("Chọn phòng, thủ tục hoặc quy trình được đánh giá."), code="no_subject")
    if not 1 <= planned_month <= 12:
        raise ValidationError({"planned_month": _("Tháng phải từ 1 đến 12.")})
    for obj in (division, procedure, process):
        if obj is not None and obj.agency_id != programme.agency_id:
            raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    item = ProgrammeItem.objects.create(
        programme=programme,
        division=division,
        procedure=procedure,
        process=process,
        planned_month=planned_month,
        note=note,
    )
    event_record(agency=programme.agency, actor=actor, verb="audit_programme.item_added", target=item)
    return item


@transaction.atomic
def audit_plan(
    *,
    agency: Agency,
    actor: Person,
    title: str,
    objectives: str,
    scope: str,
    starts_on: dt.date,
    ends_on: dt.date,
    lead_auditor: Person,
    auditees: Iterable[Division],
    team: Iterable[Person] = (),
    criteria: str = "",
    criteria_tags: list[str] | None = None,
    programme: AuditProgramme | None = None,
) -> Audit:
    """Create the audit plan (kế hoạch đánh giá)."""
    check_plan_dates(starts_on=starts_on, ends_on=ends_on, programme=programme)
    auditees = list(auditees)
    team = list(team)
    if not auditees:
        raise ValidationError({"auditees": _("Chọn ít nhất một đơn vị được đánh giá.")})
    for person in [lead_auditor, *team]:
        _check_auditor(person, agency)
    audit = Audit.objects.create(
        agency=agency,
        programme=programme,
        title=title,
        objectives=objectives,
        scope=scope,
        criteria=criteria,
        criteria_tags=[t.strip() for t in (criteria_tags or []) if t.strip()],
        starts_on=starts_on,
        ends_on=ends_on,
        lead_auditor=lead_auditor,
    )
    audit.auditees.set(auditees)
    audit.team.set(team)
    event_record(agency=agency, actor=actor, verb="audit.planned", target=audit)
    return audit


@transaction.atomic
def audit_session_add(
    *,
    audit: Audit,
    actor: Person,
    division: Division,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    auditors: Iterable[Person],
) -> AuditSession:
    """Schedule the audit of one division while the audit is open; every auditor must be independent of it."""
    _check_draft(audit)
    require(permissions.can_edit_audit(actor, audit))
    auditors = list(auditors)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    if not auditors:
        raise ValidationError({"auditors": _("Chọn ít nhất một chuyên gia đánh giá.")})
    if division.agency_id != audit.agency_id:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    for auditor in auditors:
        _check_auditor(auditor, audit.agency)
        check_independent(auditor=auditor, division=division)
    session = AuditSession.objects.create(
        audit=audit, division=division, starts_at=starts_at, ends_at=ends_at
    )
    session.auditors.set(auditors)
    audit.auditees.add(division)
    event_record(agency=audit.agency, actor=actor, verb="audit.session_added", target=session)
    return session


@transaction.atomic
def checklist_item_add(
    *,
    audit: Audit,
    actor: Person,
    clause: str,
    question: str,
    division: Division | None = None,
    evidence: str = "",
    result: str = ChecklistResult.NOT_CHECKED,
) -> ChecklistItem:
    _check_draft(audit)
    require(permissions.can_edit_audit(actor, audit))
    order = audit.checklist.count() + 1
    item = ChecklistItem.objects.create(
        audit=audit,
        division=division,
        order=order,
        clause=clause,
        question=question,
        evidence=evidence,
        result=result,
    )
    event_record(agency=audit.agency, actor=actor, verb="audit.checklist_item_added", target=item)
    return item


@transaction.atomic
def checklist_item_record(*, item: ChecklistItem, actor: Person, evidence: str, result: str) -> ChecklistItem:
    _check_draft(item.audit)
    require(permissions.can_record_checklist(actor, item.audit))
    item.evidence = evidence
    item.result = result
    item.save(update_fields=["evidence", "result", "updated_at"])
    event_record(agency=item.audit.agency, actor=actor, verb="audit.checklist_item_recorded", target=item)
    return item


@transaction.atomic
def checklist_copy(
    *,
    audit: Audit,
    actor: Person,
    source_audit: Audit | None = None,
    template: ChecklistTemplate | None = None,
) -> int:
    """Copy the questions of a previous audit or of a template (without evidence or results)."""
    _check_draft(audit)
    require(permissions.can_edit_audit(actor, audit))
    if source_audit is not None:
        if source_audit.agency_id != audit.agency_id or source_audit.pk == audit.pk:
            raise ValidationError(_("Chọn một cuộc đánh giá khác của cơ quan."), code="bad_source")
        rows = [(i.clause, i.question, i.division) for i in source_audit.checklist.select_related("division")]
    elif template is not None:
        if template.agency_id != audit.agency_id:
            raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
        rows = [(i.clause, i.question, None) for i in template.items.all()]
    else:
        raise ValidationError(_("Chọn cuộc đánh giá hoặc mẫu để sao chép."), code="no_source")
    start = audit.checklist.count()
    ChecklistItem.objects.bulk_create(
        ChecklistItem(audit=audit, order=start + n, clause=clause, question=question, division=division)
        for n, (clause, question, division) in enumerate(rows, start=1)
    )
    event_record(
        agency=audit.agency,
        actor=actor,
        verb="audit.checklist_copied",
        target=audit,
        data={"count": len(rows)},
    )
    return len(rows)


@transaction.atomic
def finding_record(
    *,
    audit: Audit,
    actor: Person,
    kind: str,
    description: str,
    division: Division,
    found_on: dt.date,
    auditor: Person | None = None,
    clause: str = "",
    evidence: str = "",
) -> Finding:
    """Record a finding, dated within the audit; the auditor must be on the audit and independent of the
    audited division."""
    _check_draft(audit)
    require(permissions.can_record(actor, audit))
    auditor = auditor or actor
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Loại phát hiện không hợp lệ.")})
    if division.agency_id != audit.agency_id:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    on_team = auditor.pk == audit.lead_auditor_id or audit.team.filter(pk=auditor.pk).exists()
    if not on_team:
        raise ValidationError(
            _("{name} không thuộc đoàn đánh giá này.").format(name=auditor.full_name), code="not_on_team"
        )
    check_independent(auditor=auditor, division=division)
    if kind == FindingKind.NONCONFORMITY and not evidence.strip():
        raise ValidationError({"evidence": _("Điểm không phù hợp phải có bằng chứng khách quan.")})
    check_found_on(audit=audit, found_on=found_on)
    finding = Finding.objects.create(
        audit=audit,
        kind=kind,
        clause=clause,
        description=description,
        evidence=evidence,
        division=division,
        auditor=auditor,
        found_on=found_on,
    )
    audit.auditees.add(division)
    event_record(agency=audit.agency, actor=actor, verb="audit.finding_recorded", target=finding)
    return finding


@transaction.atomic
def audit_report_save(*, audit: Audit, actor: Person, summary: str, conclusion: str) -> Audit:
    _check_draft(audit)
    require(permissions.can_write_report(actor, audit))
    audit.summary = summary
    audit.conclusion = conclusion
    audit.save(update_fields=["summary", "conclusion", "updated_at"])
    event_record(agency=audit.agency, actor=actor, verb="audit.report_saved", target=audit)
    return audit


REPORT_KIND = "bao-cao"


@transaction.atomic
def audit_report_approve(*, audit: Audit, actor: Person, on: dt.date, token_pin: str | None = None) -> Audit:
    """The lead auditor approves the report: draft → approved; it is then frozen.

    Issuing = signing: when the agency has a signing key the report reaches its approved state only with its
    signed PDF (the lead auditor's token first when one is registered, `token_pin` being the PIN typed on the
    page, then the agency), whose SHA-256 is kept with the audit and frozen with it. A refused signature (a
    wrong PIN) approves nothing. Without a key the report is approved unsigned, as before.
    """
    _check_draft(audit)
    if actor.pk != audit.lead_auditor_id:
        raise ValidationError(_("Chỉ trưởng đoàn đánh giá được phê duyệt báo cáo."), code="forbidden")
    if not audit.summary.strip() or not audit.conclusion.strip():
        raise ValidationError(
            _("Báo cáo phải có tóm tắt và kết luận trước khi phê duyệt."), code="incomplete"
        )
    before = (audit.report_status, audit.report_approved_on)
    audit.report_status, audit.report_approved_on = ReportStatus.APPROVED, on
    try:
        signed = _sign_report(audit, actor, token_pin)
    except ValidationError:
        # nothing approved: the page comes back with the report still a draft and the text as typed
        audit.report_status, audit.report_approved_on = before
        raise
    audit.report_sha256 = signed.sha256 if signed is not None else None
    audit.save(update_fields=["report_status", "report_approved_on", "report_sha256", "updated_at"])
    event_record(agency=audit.agency, actor=actor, verb="audit.report_approved", target=audit)
    return audit


def _sign_report(audit: Audit, actor: Person, token_pin: str | None) -> SignedFile | None:
    """The approved report as a PDF, signed by the lead auditor (named in it) then by the agency."""
    if not signing_configured(audit.agency):
        return None
    return signed_issue_pdf(
        agency=audit.agency,
        target=audit,
        kind=REPORT_KIND,
        file_name=f"bao-cao-danh-gia-noi-bo-{audit.pk}.pdf",
        pdf=render_pdf(audit_report_document(audit)),
        signer=audit.lead_auditor,
        signer_name=audit.lead_auditor.full_name,
        actor=actor,
        person_pin=token_pin,
    )


@transaction.atomic
def audit_update(
    *,
    audit: Audit,
    actor: Person,
    title: str,
    objectives: str,
    scope: str,
    starts_on: dt.date,
    ends_on: dt.date,
    lead_auditor: Person,
    auditees: Iterable[Division],
    team: Iterable[Person] = (),
    criteria: str = "",
    criteria_tags: list[str] | None = None,
    programme: AuditProgramme | None = None,
) -> Audit:
    """Correct the plan of an open audit; the change is kept in the audit's history."""
    _check_draft(audit)
    require(permissions.can_edit_audit(actor, audit))
    check_plan_dates(starts_on=starts_on, ends_on=ends_on, programme=programme)
    auditees, team = list(auditees), list(team)
    if not auditees:
        raise ValidationError({"auditees": _("Chọn ít nhất một đơn vị được đánh giá.")})
    for person in [lead_auditor, *team]:
        _check_auditor(person, audit.agency)
    if programme is not None and programme.agency_id != audit.agency_id:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    audit.title, audit.objectives, audit.scope, audit.criteria = title, objectives, scope, criteria
    audit.criteria_tags = [t.strip() for t in (criteria_tags or []) if t.strip()]
    audit.starts_on, audit.ends_on = starts_on, ends_on
    audit.lead_auditor, audit.programme = lead_auditor, programme
    audit.save(update_fields=[*PLAN_FIELDS, "updated_at"])
    audit.auditees.set(auditees)
    audit.team.set(team)
    event_record(agency=audit.agency, actor=actor, verb="audit.plan_corrected", target=audit)
    return audit


PLAN_FIELDS = [
    "title",
    "objectives",
    "scope",
    "criteria",
    "criteria_tags",
    "starts_on",
    "ends_on",
    "lead_auditor",
    "programme",
]


@transaction.atomic
def audit_cancel(*, audit: Audit, actor: Person, on: dt.date, reason: str) -> Audit:
    """Cancel an open audit with a reason instead of deleting it."""
    _check_draft(audit)
    require(permissions.can_cancel_audit(actor, audit))
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    audit.cancelled_on, audit.cancel_reason = on, reason.strip()
    audit.save(update_fields=["cancelled_on", "cancel_reason", "updated_at"])
    event_record(agency=audit.agency, actor=actor, verb="audit.cancelled", target=audit)
    return audit


@transaction.atomic
def finding_update(
    *,
    finding: Finding,
    actor: Person,
    kind: str,
    description: str,
    division: Division,
    found_on: dt.date,
    clause: str = "",
    evidence: str = "",
) -> Finding:
    """Correct a finding while its audit is open; the auditor stays the one who recorded it."""
    audit = finding.audit
    _check_draft(audit)
    require(permissions.can_edit_finding(actor, finding))
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Loại phát hiện không hợp lệ.")})
    if division.agency_id != audit.agency_id:
        raise ValidationError(_("Đối tượng không thuộc cơ quan."), code="foreign")
    check_independent(auditor=finding.auditor, division=division)
    if kind == FindingKind.NONCONFORMITY and not evidence.strip():
        raise ValidationError({"evidence": _("Điểm không phù hợp phải có bằng chứng khách quan.")})
    check_found_on(audit=audit, found_on=found_on)
    finding.kind, finding.description, finding.division = kind, description, division
    finding.found_on, finding.clause, finding.evidence = found_on, clause, evidence
    finding.save(
        update_fields=["kind", "description", "division", "found_on", "clause", "evidence", "updated_at"]
    )
    audit.auditees.add(division)
    event_record(agency=audit.agency, actor=actor, verb="audit.finding_corrected", target=finding)
    return finding


def check_found_on(*, audit: Audit, found_on: dt.date) -> None:
    """A finding is dated within its audit."""
    if not audit.starts_on <= found_on <= audit.ends_on:
        raise ValidationError(
            {
                "found_on": _("Ngày phát hiện phải trong thời gian đánh giá ({start} – {end}).").format(
                    start=audit.starts_on.strftime("%d/%m/%Y"), end=audit.ends_on.strftime("%d/%m/%Y")
                )
            }
        )


@transaction.atomic
def finding_cancel(*, finding: Finding, actor: Person, on: dt.date, reason: str) -> Finding:
    """Withdraw a finding recorded by mistake, with a reason, while its audit is open."""
    _check_draft(finding.audit)
    require(permissions.can_edit_finding(actor, finding))
    if not reason.strip():
        raise ValidationError({"reason": _("Nhập lý do hủy.")})
    if finding.nonconformities.exists():
        raise ValidationError(
            _("Phát hiện đã được ghi nhận thành sự không phù hợp; hãy hủy sự không phù hợp trước."),
            code="has_nc",
        )
    finding.cancelled_on, finding.cancel_reason = on, reason.strip()
    finding.save(update_fields=["cancelled_on", "cancel_reason", "updated_at"])
    event_record(agency=finding.audit.agency, actor=actor, verb="audit.finding_cancelled", target=finding)
    return finding
