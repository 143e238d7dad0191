"""The internal audit report (báo cáo đánh giá nội bộ) as a Decree 30/2020 document."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eiso.audits.choices import FindingKind
from eiso.audits.models import Audit
from eiso.audits.selectors import audit_findings, audit_sessions
from eiso.core.layout import BulletList, Heading, Paragraph, Signature, StateDocument, Table


def audit_report_document(audit: Audit) -> StateDocument:
    findings = list(audit_findings(audit=audit))
    sessions = list(audit_sessions(audit=audit))
    blocks: list = [
        Heading(_("1. Mục tiêu, phạm vi và chuẩn mực đánh giá")),
        Paragraph(_("Mục tiêu: {text}").format(text=audit.objectives)),
        Paragraph(_("Phạm vi: {text}").format(text=audit.scope)),
        Paragraph(
            _("Chuẩn mực: {text}").format(text=audit.criteria or "; ".join(audit.criteria_tags) or "—")
        ),
        Paragraph(
            _("Thời gian: từ ngày {start} đến ngày {end}. Trưởng đoàn: {lead}. Thành viên: {team}.").format(
                start=audit.starts_on.strftime("%d/%m/%Y"),
                end=audit.ends_on.strftime("%d/%m/%Y"),
                lead=audit.lead_auditor.full_name,
                team=", ".join(p.full_name for p in audit.team.all()) or "—",
            )
        ),
    ]
    if sessions:
        blocks.append(
            Table(
                header=[_("STT"), _("Đơn vị được đánh giá"), _("Thời gian"), _("Chuyên gia đánh giá")],
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
    blocks.append(Heading(_("2. Tóm tắt kết quả")))
    blocks.append(Paragraph(audit.summary or "—"))
    for number, kind in enumerate(FindingKind, start=3):
        of_kind = [f for f in findings if f.kind == kind]
        blocks.append(Heading(f"{number}. {kind.label}"))
        if of_kind:
            blocks.append(
                BulletList(
                    [
                        f"{f.division.name}: {f.description}"
                        + (f" ({_('điều khoản')} {f.clause})" if f.clause else "")
                        for f in of_kind
                    ]
                )
            )
        else:
            blocks.append(Paragraph(_("Không có.")))
    blocks.append(Heading(_("6. Kết luận")))
    blocks.append(Paragraph(audit.conclusion or "—"))
    return StateDocument(
        agency=audit.agency,
        type_code="BC",
        number="",
        doc_type_name=_("BÁO CÁO"),
        summary=_("Về kết quả {title}").format(title=audit.title[:1].lower() + audit.title[1:]),
        issued_on=audit.report_approved_on or audit.ends_on,
        blocks=blocks,
        signatures=[Signature(position=_("TRƯỞNG ĐOÀN ĐÁNH GIÁ"), name=audit.lead_auditor.full_name)],
        recipients=[_("Ban Chỉ đạo ISO;"), _("Các phòng được đánh giá;"), _("Lưu: VT, ISO.")],
    )
