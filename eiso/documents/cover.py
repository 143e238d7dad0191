"""The cover page of a procedure in the Decree 30/2020 layout: code and issue, the responsibility grid
(Soạn thảo / Xem xét / Phê duyệt) and the revision table (mục lục sửa đổi tài liệu).

The text is the legal document itself, so it stays Vietnamese whatever the interface language.
"""

from __future__ import annotations

from django.utils import timezone

from eiso.core.layout import (
    Block,
    Heading,
    Paragraph,
    Signature,
    StateDocument,
    Table,
    render_docx,
    render_pdf,
)
from eiso.core.models import Person
from eiso.documents.choices import DocumentType, VersionState
from eiso.documents.models import Document, DocumentVersion

__all__ = ["DOCX_MIME", "cover_document", "render_docx", "render_pdf"]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPE_TITLES = {
    DocumentType.QUALITY_MANUAL: "SỔ TAY CHẤT LƯỢNG",
    DocumentType.POLICY: "CHÍNH SÁCH CHẤT LƯỢNG",
    DocumentType.OBJECTIVES: "MỤC TIÊU CHẤT LƯỢNG",
    DocumentType.WORK_INSTRUCTION: "HƯỚNG DẪN CÔNG VIỆC",
    DocumentType.FORM: "BIỂU MẪU",
    DocumentType.RECORD_TEMPLATE: "MẪU HỒ SƠ",
}
GRID_HEADER = ["", "Soạn thảo", "Xem xét", "Phê duyệt"]
REVISION_HEADER = ["STT", "Ngày sửa đổi", "Vị trí sửa đổi", "Nội dung sửa đổi", "Lần sửa đổi"]


def _shown_version(document: Document) -> DocumentVersion | None:
    """The draft being prepared if there is one, otherwise the current issued version."""
    versions = document.versions.select_related("drafted_by", "reviewed_by", "approved_by")
    return versions.exclude(state=VersionState.WITHDRAWN).order_by("-issue_no", "-revision_no").first()


def _name(person: Person | None) -> str:
    return person.full_name if person else ""


def _title(person: Person | None) -> str:
    return person.title if person else ""


def cover_document(*, document: Document) -> StateDocument:
    version = _shown_version(document)
    day = (version.effective_from if version else None) or timezone.localdate()
    blocks: list[Block] = [
        Paragraph(f"Mã hiệu: {document.code}", bold=True),
        Paragraph(f"Lần ban hành: {version.issue_no if version else 1}"),
        Paragraph(f"Lần sửa đổi: {version.revision_no if version else 0}"),
        Paragraph(
            "Ngày hiệu lực: "
            + (version.effective_from.strftime("%d/%m/%Y") if version and version.effective_from else "")
        ),
    ]
    if version is not None:
        blocks += [
            Heading("TRÁCH NHIỆM SOẠN THẢO, XEM XÉT, PHÊ DUYỆT"),
            Table(
                header=GRID_HEADER,
                rows=[
                    [
                        "Họ và tên",
                        _name(version.drafted_by),
                        _name(version.reviewed_by),
                        _name(version.approved_by),
                    ],
                    ["Chữ ký", "", "", ""],
                    [
                        "Chức vụ",
                        _title(version.drafted_by),
                        _title(version.reviewed_by),
                        _title(version.approved_by),
                    ],
                ],
            ),
        ]
    blocks += [
        Heading("MỤC LỤC SỬA ĐỔI TÀI LIỆU"),
        Table(header=REVISION_HEADER, rows=_revision_rows(document)),
    ]
    approver = version.approved_by if version else None
    signatures = [
        Signature(position=(approver.title if approver else "") or "GIÁM ĐỐC", name=_name(approver))
    ]
    return StateDocument(
        agency=document.agency,
        type_code="",
        number="",
        doc_type_name=TYPE_TITLES.get(DocumentType(document.doc_type), "QUY TRÌNH"),
        summary=document.title,
        issued_on=day,
        blocks=blocks,
        signatures=signatures,
        recipients=[],
    )


def _revision_rows(document: Document) -> list[list[str]]:
    revisions = document.versions.filter(
        state__in=[VersionState.ISSUED, VersionState.SUPERSEDED], revision_no__gt=0
    ).order_by("effective_from", "issue_no", "revision_no")
    rows = [
        [
            str(i),
            v.effective_from.strftime("%d/%m/%Y") if v.effective_from else "",
            v.changed_sections,
            v.change_summary,
            f"{v.issue_no}.{v.revision_no}",
        ]
        for i, v in enumerate(revisions, start=1)
    ]
    return rows or [["", "", "", "", ""]]
