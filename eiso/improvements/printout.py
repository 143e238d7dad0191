"""The corrective-action request (phiếu yêu cầu hành động khắc phục) printed in the Decree 30 layout.

What the record knows is printed; what is still to be decided (the cause, the approval, the verification)
is left as dotted lines to fill by hand, as on the one-stop forms printed from a dossier.
"""

from __future__ import annotations

from eiso.core.layout import (
    Block,
    BulletList,
    Heading,
    Paragraph,
    Signature,
    StateDocument,
    Table,
    state_document,
)
from eiso.improvements.choices import CarState
from eiso.improvements.models import CorrectiveAction

DOTS = "…" * 16  # a dotted line to fill by hand, short enough to stay on the line of its label
SIGN_NOTE = "(Ký, ghi rõ họ tên)"


def _day(value: object) -> str:
    return f"{value:%d/%m/%Y}" if value else "…/…/……"


def _part_request(car: CorrectiveAction) -> list[Block]:
    nc = car.nonconformity
    source = nc.get_source_kind_display()
    if finding := nc.finding:
        source += f": {finding.audit.title}" + (f", điều khoản {finding.clause}" if finding.clause else "")
    elif nc.source_note:
        source += f": {nc.source_note}"
    where = f"Phòng, đơn vị liên quan: {nc.division.name if nc.division else '—'}"
    if procedure := nc.procedure:
        where += f"; thủ tục hành chính: {procedure.name}"
    lines = [
        f"Nguồn: {source}.",
        f"{where}.",
        f"Người phát hiện: {nc.raised_by.full_name}, ngày {_day(nc.raised_on)}; "
        f"người yêu cầu: {car.requested_by.full_name}, ngày {_day(car.requested_on)}.",
    ]
    return [Heading("1. Mô tả sự không phù hợp"), Paragraph(nc.description), BulletList(lines)]


def _part_cause(car: CorrectiveAction) -> list[Block]:
    blocks: list[Block] = [Heading("2. Nguyên nhân"), Paragraph(car.root_cause or DOTS)]
    if car.whys:
        blocks.append(BulletList([f"Tại sao {n}: {why}" for n, why in enumerate(car.whys, start=1)]))
    return blocks


def _part_actions(car: CorrectiveAction) -> list[Block]:
    rows = [
        [
            str(n),
            action.description,
            action.owner.full_name,
            _day(action.deadline),
            (f"Hoàn thành {_day(action.done_at.date())}. " if action.done_at else "") + action.done_note,
        ]
        for n, action in enumerate(car.actions.select_related("owner"), start=1)
    ] or [[str(n), "", "", "", ""] for n in (1, 2)]
    return [
        Heading("3. Biện pháp khắc phục"),
        Paragraph(f"Khắc phục tức thời: {car.correction or DOTS}"),
        Table(header=["STT", "Hành động khắc phục", "Người thực hiện", "Thời hạn", "Kết quả"], rows=rows),
        Paragraph(f"Thời hạn hoàn thành: {_day(car.due_on)}"),
    ]


def _part_approval(car: CorrectiveAction) -> list[Block]:
    if car.approved_by and car.approved_at:
        text = f"Đã phê duyệt ngày {_day(car.approved_at.date())}. {car.approval_note}".strip()
    else:
        text = f"Ý kiến của lãnh đạo: {DOTS}"
    return [Heading("4. Phê duyệt"), Paragraph(text)]


def _part_verification(car: CorrectiveAction) -> list[Block]:
    if verifier := car.verified_by:
        lines = [
            f"Kết quả: {car.get_verification_display()}.",
            f"Nhận xét: {car.verification_note or '—'}",
            f"Người xác minh: {verifier.full_name}, ngày {_day(car.verified_on)}.",
        ]
    else:
        lines = [
            f"Xác minh sau ngày {_day(car.verify_after)}; kết quả: □ Có hiệu lực   □ Không có hiệu lực.",
            f"Người xác minh: {DOTS[:12]}, ngày …/…/……",
        ]
    return [Heading("5. Xác minh hiệu lực"), BulletList(lines)]


@state_document
def corrective_action_document(car: CorrectiveAction) -> StateDocument:
    """A state document: its text is Vietnamese by law, whatever the reader's language."""
    blocks: list[Block] = []
    if car.state == CarState.CANCELLED:
        blocks.append(Paragraph(f"Phiếu đã hủy. Lý do: {car.cancel_reason}", bold=True))
    if previous := car.follow_up_of:
        blocks.append(Paragraph(f"Thực hiện tiếp phiếu số {previous.number}.", italic=True))
    for part in (_part_request, _part_cause, _part_actions, _part_approval, _part_verification):
        blocks += part(car)
    division = car.nonconformity.division
    approver = car.approved_by.full_name if car.approved_by else ""
    return StateDocument(
        agency=car.agency,
        type_code="",
        number="",
        doc_type_name="PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC",
        summary=f"Số: {car.number}",
        issued_on=car.requested_on,
        blocks=blocks,
        signatures=[
            Signature(position="NGƯỜI YÊU CẦU", name=car.requested_by.full_name, note=SIGN_NOTE),
            Signature(position="LÃNH ĐẠO PHÊ DUYỆT", name=approver, note=SIGN_NOTE),
        ],
        recipients=[f"{division.name};" if division else "Phòng liên quan;", "Thư ký ISO;", "Lưu: ISO."],
    )
