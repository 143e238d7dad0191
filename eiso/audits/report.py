"""The internal audit report (báo cáo đánh giá nội bộ) as a Decree 30/2020 document."""

from __future__ import annotations

from eiso.audits.choices import FindingKind
from eiso.audits.models import Audit
from eiso.audits.selectors import audit_findings, audit_sessions
from eiso.core.layout import (
    BulletList,
    Heading,
    Paragraph,
    Signature,
    StateDocument,
    Table,
    one_day_or_range,
    state_document,
)


@state_document
def audit_report_document(audit: Audit) -> StateDocument:
    """A state document: its text is Vietnamese by law, whatever the reader's language."""
    findings = list(audit_findings(audit=audit))
    sessions = list(audit_sessions(audit=audit))
    blocks: list = [
        Heading("1. Mục tiêu, phạm vi và chuẩn mực đánh giá"),
        Paragraph(f"Mục tiêu: {audit.objectives}"),
        Paragraph(f"Phạm vi: {audit.scope}"),
        Paragraph("Chuẩn mực: {text}".format(text=audit.criteria or "; ".join(audit.criteria_tags) or "—")),
        Paragraph(
            "Thời gian: {dates}. Trưởng đoàn: {lead}. Thành viên: {team}.".format(
                dates=one_day_or_range(audit.starts_on, audit.ends_on),
                lead=audit.lead_auditor.full_name,
                team=", ".join(p.full_name for p in audit.team.all()) or "—",
            )
        ),
    ]
    if sessions:
        blocks.append(
            Table(
                header=["STT", "Đơn vị được đánh giá", "Thời gian", "Chuyên gia đánh giá"],
                rows=[
                    [
                        str(n),
                        s.division.name,
                        s.starts_at.strftime("%d/%m/%Y"),
                        ", ".join(p.full_name for p in s.auditors.all()),
                    ]
                    for n, s in enumerate(sessions, start=1)
                ],
            )
        )
    blocks.append(Heading("2. Tóm tắt kết quả"))
    blocks.append(Paragraph(audit.summary or "—"))
    for number, kind in enumerate(FindingKind, start=3):
        of_kind = [f for f in findings if f.kind == kind]
        blocks.append(Heading(f"{number}. {kind.label}"))
        if of_kind:
            blocks.append(
                BulletList(
                    [
                        f"{f.division.name}: {f.description}"
                        + (f" (điều khoản {f.clause})" if f.clause else "")
                        for f in of_kind
                    ]
                )
            )
        else:
            blocks.append(Paragraph("Không có."))
    blocks.append(Heading("6. Kết luận"))
    blocks.append(Paragraph(audit.conclusion or "—"))
    return StateDocument(
        agency=audit.agency,
        type_code="BC",
        number="",
        doc_type_name="BÁO CÁO",
        summary=f"Về kết quả {audit.title[:1].lower() + audit.title[1:]}",
        issued_on=audit.report_approved_on or audit.ends_on,
        blocks=blocks,
        signatures=[Signature(position="TRƯỞNG ĐOÀN ĐÁNH GIÁ", name=audit.lead_auditor.full_name)],
        recipients=["Ban Chỉ đạo ISO;", "Các phòng được đánh giá;", "Lưu: VT, ISO."],
    )
