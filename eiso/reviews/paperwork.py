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
    issuing_body_lines,
    render_docx,
    render_pdf,
)
from eiso.core.models import QmsProfile, SteeringCommittee
from eiso.reviews.choices import ActionState, Attendance, ChangeKind, DecisionKind
from eiso.reviews.models import ManagementReview, QmsChange, QmsRecord
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
    present = by_rank(list(attendance(review=review, status=Attendance.PRESENT)))
    absent = by_rank(list(attendance(review=review, status=Attendance.ABSENT)))
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
        Paragraph("Có mặt: " + ("; ".join(_person(p) for p in present) or "không có") + "."),
        Paragraph("Vắng mặt: " + ("; ".join(_person(p) for p in absent) or "không") + "."),
        Heading("II. NỘI DUNG CUỘC HỌP"),
        Paragraph("Chương trình họp:", bold=True),
        BulletList(
            [f"{i.title} (ISO 9001, 9.3.2 {i.clause})" for i in inputs]
            + [f"Hoạch định HTQLCL năm {review.year + 1}"]
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
            Signature(position="THƯ KÝ", name=review.secretary.full_name, note=SIGN_NOTE),
            Signature(position="CHỦ TRÌ", name=review.chair.full_name, note=SIGN_NOTE),
        ],
        recipients=["Ban Chỉ đạo ISO;", "Các phòng thuộc Sở;", "Lưu: VT, ISO."],
    )


SIGN_NOTE = "(Ký, ghi rõ họ tên)"  # the minutes form asks for it; never under the Director


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
    """A person named as an official: the salutation recorded for the person ("ông", "bà"), the name and
    the person's own title; never a generic "Ông/Bà"."""
    return person.named + (f", {person.title}" if person.title else "")


RANKS = ("giám đốc", "phó giám đốc", "chánh", "phó chánh", "trưởng phòng", "phó trưởng phòng")


def by_rank(people: list[Any]) -> list[Any]:
    """Participants in order of rank: director, deputies, heads, deputy heads, then staff, each by name."""

    def rank(person: Any) -> tuple[int, str]:
        title = (person.title or "").lower()
        for number, word in enumerate(RANKS):
            if title.startswith(word):
                return number, person.full_name
        return len(RANKS), person.full_name

    return sorted(people, key=rank)


# --- conclusion notice, news article ----------------------------------------------------------------------


@in_vietnamese
def notice_document(review: ManagementReview) -> StateDocument:
    decisions = list(review_decisions(review=review))
    held = review.held_on or review.planned_on
    blocks: list[Block] = [
        Paragraph(
            f"Ngày {d(held)}, {review.chair.named}, {review.chair.title or 'Giám đốc'}, Trưởng Ban Chỉ đạo ISO "
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
        number=review.notice_number or "",
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
            f"({satisfaction.get('satisfied', 0)}/{satisfaction.get('valid', satisfaction.get('responses', 0))} phiếu hài lòng)"
        )
    if figures:
        paragraphs.append(
            f"Tính đến thời điểm ngày {d(review.inputs_as_of)}, Mục tiêu chất lượng năm {review.year} đã đạt một số "
            "chỉ tiêu sau: " + "; ".join(figures) + "."
        )
    audit = inputs.get("internal_audit", {})
    audit_lines = section_text("internal_audit", audit) if audit.get("available") else []
    if audit_lines:
        paragraphs.append(
            "Về công tác đánh giá nội bộ: " + " ".join(line.rstrip(".") + "." for line in audit_lines)
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
        summary=f"{agency_short(review)} họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm {review.year}",
        issued_on=(review.held_on or review.planned_on) + dt.timedelta(days=1),
        blocks=[Paragraph(p) for p in news_text(review)],
        signatures=[Signature(position="", name=review.secretary.full_name)],
        article=True,
    )


# --- yearly self-report (TT 26/2014 Art. 36) --------------------------------------------------------------


@in_vietnamese
def self_report_document(review: ManagementReview) -> StateDocument:
    """Every sentence comes from a record, or says visibly which record is missing (`self_report_missing`)."""
    agency = review.agency
    profile = QmsProfile.objects.filter(agency=agency).first()
    inputs = {i.key: i for i in review_inputs(review=review)}
    decisions = list(review_decisions(review=review))
    facts = _self_report_facts(review, profile)

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
        Paragraph(profile.scope if profile and profile.scope else MISSING + "phạm vi áp dụng HTQLCL."),
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
        Paragraph("e) Khiếu nại liên quan đến phạm vi HTQLCL:", bold=True),
        BulletList([facts["complaints"]]),
        Paragraph("g) Cải tiến:", bold=True),
        BulletList(
            [x.text for x in decisions] or ["Cuộc họp xem xét của lãnh đạo chưa có kết luận cải tiến."]
        ),
        Heading("II. VIỆC TUÂN THỦ QUYẾT ĐỊNH SỐ 19/2014/QĐ-TTg"),
        BulletList(
            [
                "a) Sự tham gia của lãnh đạo và cán bộ, công chức: " + facts["committee"],
                "b) Người đứng đầu xác nhận hiệu lực: " + facts["effectiveness"],
                "c) Công bố phù hợp: " + facts["announcement"],
                "d) Cập nhật thay đổi của văn bản pháp luật: " + "; ".join(lines("changes")),
                "đ) Công bố lại khi điều chỉnh phạm vi: " + facts["reannouncement"],
                "e) Tổ chức tư vấn: " + facts["consultant"],
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


MISSING = "Chưa có hồ sơ: "


def self_report_missing(review: ManagementReview) -> list[str]:
    """What the self-report cannot state from records: listed beside its issue button."""
    profile = QmsProfile.objects.filter(agency=review.agency).first()
    facts = _self_report_facts(review, profile)
    missing = [text for text in facts.values() if MISSING in text]
    if not (profile and profile.scope):
        missing.insert(0, MISSING + "phạm vi áp dụng HTQLCL.")
    return missing


def _self_report_facts(review: ManagementReview, profile: QmsProfile | None) -> dict[str, str]:
    agency, year = review.agency, review.year
    records = {r.kind: r for r in QmsRecord.objects.filter(agency=agency).order_by("issued_on", "id")}
    return {
        "complaints": _complaints(review),
        "committee": _committee_line(review),
        "effectiveness": _record_line(records.get("effectiveness"))
        or _profile_date(profile, "effectiveness_confirmed_on"),
        "announcement": _record_line(records.get("announcement")) or _profile_announcement(profile),
        "reannouncement": _reannouncement(agency, year, records.get("announcement")),
        "consultant": MISSING + "thông tin về việc thuê tổ chức tư vấn (nhập tại hồ sơ HTQLCL).",
    }


def _complaints(review: ManagementReview) -> str:
    from eiso.improvements.choices import NcSource
    from eiso.improvements.models import Nonconformity

    count = Nonconformity.objects.filter(
        agency=review.agency, source_kind=NcSource.COMPLAINT, raised_on__year=review.year
    ).count()
    if count:
        return (
            f"Năm {review.year} ghi nhận {count} phản ánh, kiến nghị liên quan đến phạm vi HTQLCL "
            "(sổ theo dõi sự không phù hợp)."
        )
    return (
        f"Sổ theo dõi sự không phù hợp năm {review.year} không ghi nhận phản ánh, kiến nghị nào liên quan "
        "đến phạm vi HTQLCL."
    )


def _committee_line(review: ManagementReview) -> str:
    committee = SteeringCommittee.objects.filter(agency=review.agency, is_current=True).first()
    present = len(attendance(review=review, status=Attendance.PRESENT))
    meeting = (
        f" {present} thành viên dự họp xem xét của lãnh đạo ngày {d(review.held_on)}."
        if review.held_on
        else ""
    )
    if committee is None:
        return MISSING + "quyết định thành lập Ban Chỉ đạo ISO." + meeting
    return (
        f"Ban Chỉ đạo ISO thành lập theo Quyết định số {committee.decision_number} ngày "
        f"{d(committee.decision_date)}, do {_person(committee.head)} làm Trưởng ban." + meeting
    )


def _reannouncement(agency: Any, year: int, announcement: QmsRecord | None) -> str:
    """QĐ 19/2014 Art. 4 cl. 4(c): a scope change calls for a new announcement."""
    changes = list(
        QmsChange.objects.filter(agency=agency, kind=ChangeKind.SCOPE, effective_on__year__lte=year)
        .filter(effective_on__year__gte=year - 1)
        .order_by("effective_on")
    )
    if not changes:
        return f"sổ thay đổi HTQLCL không ghi nhận điều chỉnh phạm vi trong năm {year - 1} và năm {year}."
    parts = []
    for change in changes:
        after = (
            QmsRecord.objects.filter(agency=agency, kind="announcement", issued_on__gte=change.effective_on)
            .order_by("issued_on")
            .first()
        )
        told = f"phạm vi điều chỉnh từ ngày {d(change.effective_on)} ({change.title})"
        if after:
            parts.append(
                f"{told}; đã công bố lại theo Quyết định số {after.number} ngày {d(after.issued_on)}"
            )
        else:
            parts.append(
                f"{told}; CHƯA CÔNG BỐ LẠI (Quyết định số 19/2014/QĐ-TTg, Điều 4 khoản 4 điểm c). "
                + MISSING
                + "quyết định công bố lại"
            )
    return "; ".join(parts) + "."


def _record_line(record: QmsRecord | None) -> str:
    if record is None:
        return ""
    number = f"số {record.number}" if record.number else "(" + MISSING + "số văn bản)"
    return f"văn bản {number} ngày {d(record.issued_on)}."


def _profile_date(profile: QmsProfile | None, name: str) -> str:
    value = getattr(profile, name, None) if profile else None
    return f"ngày {d(value)} (" + MISSING + "số văn bản)." if value else MISSING + "văn bản xác nhận."


def _profile_announcement(profile: QmsProfile | None) -> str:
    if profile and profile.announced_on:
        return (
            f"Quyết định số {profile.announcement_number or '(' + MISSING + 'số văn bản)'} "
            f"ngày {d(profile.announced_on)}."
        )
    return MISSING + "quyết định công bố phù hợp."


# --- QMS records ------------------------------------------------------------------------------------------


@in_vietnamese
def record_document(record: QmsRecord) -> StateDocument:
    agency = record.agency
    scope = record.scope or (getattr(getattr(agency, "qms_profile", None), "scope", "") or "")
    if record.kind == "announcement":
        blocks: list[Block] = [
            Paragraph(f"GIÁM ĐỐC {' '.join(issuing_body_lines(agency))}", bold=True, center=True),
            Paragraph(
                "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng "
                "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, "
                "tổ chức thuộc hệ thống hành chính nhà nước;",
                italic=True,
            ),
            Paragraph("Theo đề nghị của Trưởng Ban Chỉ đạo ISO.", italic=True),
            Paragraph("QUYẾT ĐỊNH:", bold=True, center=True),
            Paragraph(
                f"Công bố Hệ thống quản lý chất lượng của {agency.name} phù hợp Tiêu chuẩn quốc gia "
                f"TCVN ISO 9001:2015 đối với các lĩnh vực hoạt động: {scope}",
                lead="Điều 1.",
            ),
            Paragraph("Quyết định này có hiệu lực kể từ ngày ký.", lead="Điều 2."),
            Paragraph(
                "Ban Chỉ đạo ISO, Chánh Văn phòng và Trưởng các phòng chịu trách nhiệm thi hành Quyết định này./.",
                lead="Điều 3.",
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
