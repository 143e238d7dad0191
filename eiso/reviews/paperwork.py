# ruff: noqa: E501 - long Vietnamese sentences of state documents read better unbroken
"""Documents generated from the review's data, in Vietnamese and the Decree 30/2020 layout (eiso.core.layout):
the minutes, the conclusion notice, the news-article draft, the yearly self-report (TT 26/2014 Art. 36), and
the QMS records (announcement of conformity, Phụ lục I QĐ 19/2014; the head's confirmation of effectiveness).

These are state documents: their text is Vietnamese by law and is not translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.utils import translation

from eiso.core.layout import (
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Signature,
    StateDocument,
    Table,
    render_docx,
    render_pdf,
)
from eiso.core.models import QmsProfile
from eiso.reviews.choices import ActionState, Attendance, DecisionKind
from eiso.reviews.models import ManagementReview, QmsRecord
from eiso.reviews.sections import section_chart, section_text
from eiso.reviews.sections.base import d, no_data, pct, vnd
from eiso.reviews.selectors import attendance, review_decisions, review_inputs

KIND_VI = {
    DecisionKind.IMPROVEMENT: "Cải tiến",
    DecisionKind.QMS_CHANGE: "Thay đổi HTQLCL",
    DecisionKind.RESOURCE_NEED: "Nguồn lực",
}
STATE_VI = {
    ActionState.OPEN: "Đang thực hiện",
    ActionState.DONE: "Đã hoàn thành",
    ActionState.CANCELLED: "Đã hủy",
}


T = TypeVar("T")


def in_vietnamese(build: Callable[..., T]) -> Callable[..., T]:
    """State documents are written in Vietnamese whatever the reader's language."""

    @wraps(build)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapper


def agency_short(review: ManagementReview) -> str:
    name = review.agency.name
    return name.split(" tỉnh ")[0] if " tỉnh " in name else name


# --- the minutes -----------------------------------------------------------------------------------------


@in_vietnamese
def minutes_document(review: ManagementReview, *, with_charts: bool = True) -> StateDocument:
    present = attendance(review=review, status=Attendance.PRESENT)
    absent = attendance(review=review, status=Attendance.ABSENT)
    inputs = list(review_inputs(review=review))
    decisions = list(review_decisions(review=review))
    held = review.held_on or review.planned_on
    blocks: list[Block] = [
        Paragraph(
            f"Hôm nay, {_time(review.started_at)}ngày {d(held)}, tại {review.place or 'trụ sở cơ quan'}, "
            f"{review.agency.name} tổ chức cuộc họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng "
            f"theo TCVN ISO 9001:2015 năm {review.year}."
        ),
        Heading("I. THÀNH PHẦN THAM DỰ"),
        Paragraph(f"Chủ trì: {_person(review.chair)}, Trưởng Ban Chỉ đạo ISO."),
        Paragraph(f"Thư ký: {_person(review.secretary)}."),
        Paragraph("Có mặt: " + (", ".join(_person(p) for p in present) or "—") + "."),
        Paragraph("Vắng mặt: " + (", ".join(_person(p) for p in absent) or "không") + "."),
        Heading("II. NỘI DUNG CUỘC HỌP"),
        Paragraph("Chương trình họp:", bold=True),
        BulletList(
            [f"{i.title} (ISO 9001, 9.3.2 {i.clause})" for i in inputs] + ["Hoạch định HTQLCL năm sau"]
        ),
        Paragraph(
            f"Thư ký ISO báo cáo các nội dung đầu vào, số liệu tính đến ngày {d(review.inputs_as_of)}:",
            bold=True,
        ),
    ]
    for number, item in enumerate(inputs, start=1):
        blocks.append(Paragraph(f"{number}. {item.title}", bold=True))
        lines = section_text(item.key, item.data)
        if lines:
            blocks.append(BulletList(lines))
        if item.commentary:
            blocks.append(Paragraph(item.commentary))
        if with_charts and item.chart_svg:
            png = section_chart(item.key, item.data, fmt="png")
            blocks.append(Figure(item.chart_svg.encode("utf-8"), png=png, width_mm=95))
    blocks.append(Heading("III. Ý KIẾN THẢO LUẬN"))
    blocks.append(Paragraph(review.discussion or "Các thành viên thống nhất với báo cáo của Thư ký."))
    blocks.append(Heading("IV. KẾT LUẬN VÀ CHỈ ĐẠO"))
    if review.conclusion:
        blocks.append(Paragraph(review.conclusion))
    blocks.append(decisions_table(decisions))
    blocks.append(
        Paragraph(
            f"Cuộc họp kết thúc {('lúc ' + _time(review.ended_at)[:-2]) if review.ended_at else ''} cùng ngày. "
            "Biên bản đã được thông qua trước các thành viên dự họp và thống nhất ký tên."
        )
    )
    return StateDocument(
        agency=review.agency,
        type_code="BB",
        number=review.minutes_number,
        doc_type_name="BIÊN BẢN",
        summary=f"Họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {review.year}",
        issued_on=review.minutes_issued_on or held,
        blocks=blocks,
        signatures=[
            Signature(position="THƯ KÝ", name=review.secretary.full_name),
            Signature(position="CHỦ TRÌ", name=review.chair.full_name),
        ],
        recipients=["Ban Chỉ đạo ISO;", "Các phòng thuộc Sở;", "Lưu: VT, ISO."],
    )


def decisions_table(decisions: list[Any]) -> Table:
    return Table(
        header=["STT", "Nội dung", "Phân loại", "Chủ trì", "Thời hạn", "Kinh phí"],
        rows=[
            [
                str(n),
                x.text,
                KIND_VI.get(x.kind, x.kind),
                str(x.owner_division or x.owner or ""),
                d(x.deadline),
                vnd(x.amount_vnd),
            ]
            for n, x in enumerate(decisions, start=1)
        ],
    )


def _time(value: dt.time | None) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}, " if value else ""


def _person(person: Any) -> str:
    return f"Ông/Bà {person.full_name}" + (f", {person.title}" if person.title else "")


# --- conclusion notice, news article ----------------------------------------------------------------------


@in_vietnamese
def notice_document(review: ManagementReview) -> StateDocument:
    decisions = list(review_decisions(review=review))
    held = review.held_on or review.planned_on
    blocks: list[Block] = [
        Paragraph(
            f"Ngày {d(held)}, {review.chair.full_name}, {review.chair.title or 'Giám đốc'}, Trưởng Ban Chỉ đạo ISO "
            f"chủ trì cuộc họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {review.year}. "
            f"Sau khi nghe Thư ký ISO báo cáo và ý kiến của các thành viên, {review.chair.title or 'Giám đốc'} "
            "kết luận như sau:"
        ),
        Paragraph(review.conclusion or "Các phòng tiếp tục phát huy kết quả đạt được."),
        Paragraph("Các nội dung chỉ đạo:", bold=True),
        decisions_table(decisions),
        Paragraph("Yêu cầu các phòng, cá nhân liên quan triển khai thực hiện đúng thời hạn./."),
    ]
    return StateDocument(
        agency=review.agency,
        type_code="TB",
        number="",
        doc_type_name="THÔNG BÁO",
        summary=f"Kết luận của Giám đốc tại cuộc họp xem xét của lãnh đạo về HTQLCL năm {review.year}",
        issued_on=review.minutes_issued_on or held,
        blocks=blocks,
        signatures=[Signature(position="GIÁM ĐỐC", name=review.chair.full_name)],
        recipients=["Các phòng thuộc Sở;", "Ban Chỉ đạo ISO;", "Lưu: VT, ISO."],
    )


@in_vietnamese
def news_text(review: ManagementReview) -> list[str]:
    """The news-article draft for the agency's website, in the reference article's style."""
    inputs = {i.key: i.data for i in review_inputs(review=review)}
    held = review.held_on or review.planned_on
    agency = agency_short(review)
    titles = "; ".join(
        i.title for i in review_inputs(review=review) if i.key not in ("resources", "improvement")
    )
    paragraphs = [
        f"Ngày {held.day}/{held.month}/{held.year}, {agency} đã tiến hành cuộc họp xem xét của lãnh đạo về Hệ thống "
        f"quản lý chất lượng áp dụng tại {agency.split(' ')[0]} trong năm {review.year}. Tham dự cuộc họp có lãnh đạo, "
        f"Ban Chỉ đạo ISO và công chức theo dõi công tác ISO; đồng chí {review.chair.full_name}, "
        f"{review.chair.title or 'Giám đốc'}, Trưởng ban Chỉ đạo ISO chủ trì cuộc họp.",
        f"Tại cuộc họp, Ban Chỉ đạo ISO đã nghe Thư ký báo cáo các nội dung về: {titles}; "
        f"Hoạch định Hệ thống quản lý chất lượng cho năm {review.year + 1}.",
    ]
    figures = []
    dossiers = inputs.get("dossiers", {})
    if dossiers.get("available"):
        early = dossiers.get("resolved_early", 0)
        figures.append(
            f"{pct(dossiers.get('on_time_rate'), fraction=True)} hồ sơ được thụ lý và giải quyết đúng hạn (đã tiếp nhận và giải "
            f"quyết {dossiers.get('resolved_total', 0)} hồ sơ, trong đó {early}/{dossiers.get('resolved_total', 0)} "
            "hồ sơ sớm hạn)"
        )
    procedures = inputs.get("procedures", {})
    if procedures.get("available"):
        figures.append(
            f"đã công bố và niêm yết công khai {procedures.get('published', 0)} TTHC chuẩn hóa và "
            f"{procedures.get('processes_published', 0)} quy trình giải quyết TTHC"
        )
    satisfaction = inputs.get("satisfaction", {})
    if satisfaction.get("available"):
        figures.append(
            f"mức độ hài lòng của tổ chức, công dân đạt {pct(satisfaction.get('rate'))} "
            f"({satisfaction.get('satisfied', 0)}/{satisfaction.get('responses', 0)} phiếu hài lòng)"
        )
    if figures:
        paragraphs.append(
            f"Tính đến thời điểm ngày {d(review.inputs_as_of)}, Mục tiêu chất lượng năm {review.year} đã đạt một số "
            "chỉ tiêu sau: " + "; ".join(figures) + "."
        )
    directives = [x.text[0].lower() + x.text[1:] for x in review_decisions(review=review) if x.text]
    paragraphs.append(
        f"Kết thúc cuộc họp, đồng chí {review.chair.full_name}, {review.chair.title or 'Giám đốc'} - Trưởng ban Chỉ "
        "đạo ISO kết luận và chỉ đạo các phòng tiếp tục phát huy kết quả đạt được"
        + (", tiến hành: " + ", ".join(directives) if directives else "")
        + "./."
    )
    return paragraphs


@in_vietnamese
def news_document(review: ManagementReview) -> StateDocument:
    return StateDocument(
        agency=review.agency,
        type_code="",
        number="",
        doc_type_name="",
        summary=f"Họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {review.year} (bản thảo tin bài)",
        issued_on=(review.held_on or review.planned_on) + dt.timedelta(days=1),
        blocks=[Paragraph(p) for p in news_text(review)],
        signatures=[Signature(position="NGƯỜI VIẾT", name=review.secretary.full_name)],
    )


# --- yearly self-report (TT 26/2014 Art. 36) --------------------------------------------------------------


@in_vietnamese
def self_report_document(review: ManagementReview) -> StateDocument:
    agency = review.agency
    profile = QmsProfile.objects.filter(agency=agency).first()
    inputs = {i.key: i for i in review_inputs(review=review)}
    decisions = list(review_decisions(review=review))
    records = {r.kind: r for r in QmsRecord.objects.filter(agency=agency).order_by("issued_on")}

    def lines(key: str) -> list[str]:
        item = inputs.get(key)
        return section_text(key, item.data) if item else [no_data()]

    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện Thông tư số 26/2014/TT-BKHCN và Quyết định số 19/2014/QĐ-TTg, {agency.name} báo cáo tình "
            f"hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng năm {review.year} như sau:"
        ),
        Heading("I. VIỆC ĐÁP ỨNG CÁC YÊU CẦU CỦA TIÊU CHUẨN TCVN ISO 9001"),
        Paragraph("a) Phạm vi áp dụng:", bold=True),
        Paragraph(profile.scope if profile and profile.scope else "Chưa xác định phạm vi."),
        BulletList(lines("procedures")),
        Paragraph("b) Phổ biến tài liệu, quy trình đến cán bộ, công chức:", bold=True),
        BulletList(lines("documents")),
        Paragraph(
            "c), d) Tuân thủ chính sách, mục tiêu chất lượng, quy trình; thực hiện các quá trình:", bold=True
        ),
        BulletList(lines("objectives") + lines("dossiers")),
        Paragraph("đ) Xem xét của lãnh đạo, đánh giá nội bộ, khắc phục sự không phù hợp:", bold=True),
        BulletList(
            [
                f"Họp xem xét của lãnh đạo ngày {d(review.held_on)}."
                if review.held_on
                else "Chưa họp xem xét của lãnh đạo."
            ]
            + lines("internal_audit")
            + lines("nonconformities")
        ),
        Paragraph("e) Khiếu nại liên quan đến phạm vi HTQLCL: không.", bold=True),
        Paragraph("g) Cải tiến:", bold=True),
        BulletList([x.text for x in decisions] or ["Không có."]),
        Heading("II. VIỆC TUÂN THỦ QUYẾT ĐỊNH SỐ 19/2014/QĐ-TTg"),
        BulletList(
            [
                "a) Lãnh đạo và cán bộ, công chức tham gia xây dựng, áp dụng HTQLCL; Ban Chỉ đạo ISO đã được thành lập.",
                "b) Người đứng đầu xác nhận hiệu lực: "
                + (
                    _record_line(records.get("effectiveness"))
                    or _profile_date(profile, "effectiveness_confirmed_on")
                ),
                "c) Công bố phù hợp: "
                + (_record_line(records.get("announcement")) or _profile_announcement(profile)),
                "d) Cập nhật thay đổi của văn bản pháp luật: " + "; ".join(lines("changes")),
                "đ) Công bố lại khi điều chỉnh phạm vi: chưa phát sinh.",
                "e) Tổ chức tư vấn: không thuê tổ chức tư vấn.",
            ]
        ),
    ]
    return StateDocument(
        agency=agency,
        type_code="BC",
        number="",
        doc_type_name="BÁO CÁO",
        summary=f"Tình hình xây dựng, áp dụng, duy trì và cải tiến HTQLCL năm {review.year}",
        issued_on=review.minutes_issued_on or review.held_on or review.planned_on,
        blocks=blocks,
        signatures=[Signature(position="GIÁM ĐỐC", name=review.chair.full_name)],
        recipients=["Sở Khoa học và Công nghệ;", "Lưu: VT, ISO."],
    )


def _record_line(record: QmsRecord | None) -> str:
    if record is None:
        return ""
    return f"số {record.number or '…'} ngày {d(record.issued_on)}."


def _profile_date(profile: QmsProfile | None, name: str) -> str:
    value = getattr(profile, name, None) if profile else None
    return f"ngày {d(value)}." if value else "chưa thực hiện."


def _profile_announcement(profile: QmsProfile | None) -> str:
    if profile and profile.announced_on:
        return f"Quyết định số {profile.announcement_number} ngày {d(profile.announced_on)}; đã niêm yết tại trụ sở và đăng trên Trang thông tin điện tử."
    return "chưa công bố."


# --- QMS records ------------------------------------------------------------------------------------------


@in_vietnamese
def record_document(record: QmsRecord) -> StateDocument:
    agency = record.agency
    scope = record.scope or (getattr(getattr(agency, "qms_profile", None), "scope", "") or "")
    if record.kind == "announcement":
        blocks: list[Block] = [
            Paragraph(f"GIÁM ĐỐC {agency.name.upper()}", bold=True),
            Paragraph(
                "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng "
                "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, "
                "tổ chức thuộc hệ thống hành chính nhà nước;",
                italic=True,
            ),
            Paragraph("Xét đề nghị của Trưởng Ban Chỉ đạo ISO,", italic=True),
            Paragraph("QUYẾT ĐỊNH:", bold=True),
            Paragraph(
                f"Điều 1. Công bố Hệ thống quản lý chất lượng của {agency.name} phù hợp Tiêu chuẩn quốc gia "
                f"TCVN ISO 9001:2015 đối với các lĩnh vực hoạt động: {scope}"
            ),
            Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            Paragraph(
                "Điều 3. Ban Chỉ đạo ISO, Chánh Văn phòng và Trưởng các phòng chịu trách nhiệm thi hành Quyết định này./."
            ),
        ]
        return StateDocument(
            agency=agency,
            type_code="QĐ",
            number=record.number.split("/")[0] if record.number else "",
            doc_type_name="QUYẾT ĐỊNH",
            summary="Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015",
            issued_on=record.issued_on,
            blocks=blocks,
            signatures=[Signature(position="GIÁM ĐỐC", name=record.signed_by.full_name)],
            recipients=[
                "Như Điều 3;",
                "Sở Khoa học và Công nghệ;",
                "Trang thông tin điện tử;",
                "Lưu: VT, ISO.",
            ],
        )
    return StateDocument(
        agency=agency,
        type_code="",
        number="",
        doc_type_name="XÁC NHẬN",
        summary="Hiệu lực của Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
        issued_on=record.issued_on,
        blocks=[
            Paragraph(
                f"Căn cứ kết quả đánh giá nội bộ và xem xét của lãnh đạo, Giám đốc {agency.name} xác nhận Hệ thống "
                "quản lý chất lượng đã được xây dựng, áp dụng có hiệu lực, đáp ứng yêu cầu của Tiêu chuẩn quốc gia "
                "TCVN ISO 9001:2015 và Quyết định số 19/2014/QĐ-TTg, đối với phạm vi: " + scope
            )
        ],
        signatures=[Signature(position="GIÁM ĐỐC", name=record.signed_by.full_name)],
        recipients=["Ban Chỉ đạo ISO;", "Lưu: VT, ISO."],
    )


DOCUMENTS = {
    "bien-ban": minutes_document,
    "thong-bao": notice_document,
    "tin-bai": news_document,
    "bao-cao": self_report_document,
}
FILENAMES = {
    "bien-ban": "bien-ban-xem-xet-lanh-dao",
    "thong-bao": "thong-bao-ket-luan",
    "tin-bai": "tin-bai",
    "bao-cao": "bao-cao-htqlcl",
}


def render(doc: StateDocument, fmt: str) -> bytes:
    return render_pdf(doc) if fmt == "pdf" else render_docx(doc)
