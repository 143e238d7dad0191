"""Demo: the 2017 audit programme, the internal audit of 26/07/2017 with the strengths the article quotes,
its observations and nonconformities, and the 2018 programme covering every division (the review's directive
"đánh giá nội bộ tất cả các phòng"). Re-runnable: rows are found by natural keys and updated."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from eiso.audits.choices import ChecklistResult, FindingKind, ReportStatus
from eiso.audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Finding,
    ProgrammeItem,
)
from eiso.core.demo import DemoContext

LOCAL = dt.timezone(dt.timedelta(hours=7))
AUDIT_TITLE = "Đánh giá nội bộ Hệ thống quản lý chất lượng năm 2017"

TEMPLATE_ITEMS = [
    (
        "4.4",
        "Các quá trình của HTQLCL đã được xác định, có người chịu trách nhiệm và tiêu chí theo dõi chưa?",
    ),
    ("5.2", "Chính sách chất lượng đã được phổ biến đến toàn thể cán bộ trong phạm vi áp dụng chưa?"),
    ("6.2", "Mục tiêu chất lượng của phòng có được lập kế hoạch, theo dõi và đánh giá kết quả không?"),
    ("7.5", "Tài liệu nội bộ và tài liệu bên ngoài (văn bản pháp luật) có được cập nhật, kiểm soát không?"),
    ("8.5.1", "Hồ sơ TTHC có phiếu kiểm soát quá trình giải quyết và được luân chuyển đúng quy trình không?"),
    ("9.1.2", "Phản ánh, kiến nghị và mức độ hài lòng của tổ chức, công dân có được ghi nhận, xử lý không?"),
    ("10.2", "Các điểm không phù hợp lần đánh giá trước đã được khắc phục và xác minh hiệu lực chưa?"),
]

# division, kind, clause, description, evidence, auditor username
FINDINGS = [
    (
        "VP",
        FindingKind.STRENGTH,
        "7.5",
        "Văn phòng Sở thực hiện đúng tiến độ một số nội dung trong Sổ tay chất lượng",
        "",
        "danhgia",
    ),
    (
        "TTBCXB",
        FindingKind.STRENGTH,
        "8.5.1",
        "Quy trình giải quyết TTHC được các phòng chuyên môn thực hiện tốt, "
        "trên 90% hồ sơ được giải quyết sớm hạn",
        "Sổ theo dõi hồ sơ 6 tháng đầu năm 2017",
        "chanhvanphong",
    ),
    (
        "BCVT",
        FindingKind.OBSERVATION,
        "7.5",
        "Một số văn bản quy phạm pháp luật bên ngoài trong danh mục tài liệu chưa được cập nhật bản mới nhất",
        "",
        "danhgia",
    ),
    (
        "TTBCXB",
        FindingKind.OBSERVATION,
        "6.2",
        "Kế hoạch thực hiện mục tiêu chất lượng của phòng chưa nêu rõ nguồn lực và người chịu trách nhiệm",
        "",
        "danhgia2",
    ),
    (
        "TTBCXB",
        FindingKind.NONCONFORMITY,
        "8.5.1",
        "Hai hồ sơ cấp giấy phép xuất bản bản tin không có phiếu kiểm soát quá trình giải quyết",
        "Hồ sơ số 45/2017 và 51/2017 lưu tại phòng",
        "danhgia2",
    ),
    (
        "BCVT",
        FindingKind.NONCONFORMITY,
        "9.1.2",
        "Chưa lập sổ theo dõi, tổng hợp phản ánh, kiến nghị của tổ chức, cá nhân về TTHC lĩnh vực bưu chính",
        "Phỏng vấn chuyên viên; không có sổ theo dõi năm 2017",
        "danhgia",
    ),
    (
        "VP",
        FindingKind.NONCONFORMITY,
        "7.5",
        "Danh mục hồ sơ chất lượng của Văn phòng chưa quy định thời gian lưu trữ",
        "Danh mục hồ sơ ban hành ngày 10/01/2017",
        "danhgia",
    ),
]


@transaction.atomic
def load(ctx: DemoContext) -> None:
    agency, d, p = ctx.agency, ctx.divisions, ctx.people
    template, _ = ChecklistTemplate.objects.update_or_create(
        agency=agency, name="Danh mục câu hỏi theo TCVN ISO 9001:2015"
    )
    for order, (clause, question) in enumerate(TEMPLATE_ITEMS, start=1):
        ChecklistTemplateItem.objects.update_or_create(
            template=template, order=order, defaults={"clause": clause, "question": question}
        )
    programme_2017 = _programme(
        ctx,
        2017,
        dt.date(2017, 3, 10),
        15_000_000,
        [("VP", 7), ("TTBCXB", 7), ("BCVT", 7)],
        "Đánh giá các phòng có TTHC nhiều hồ sơ; Thanh tra và phòng CNTT đánh giá năm sau.",
    )
    programme_2018 = _programme(
        ctx,
        2018,
        dt.date(2018, 1, 15),
        25_000_000,
        [("VP", 5), ("TTR", 5), ("BCVT", 6), ("CNTT", 6), ("TTBCXB", 6)],
        "Thực hiện kết luận họp xem xét của lãnh đạo năm 2017: đánh giá nội bộ tất cả các phòng, "
        "có dự toán kinh phí riêng.",
    )
    audit, _ = Audit.objects.update_or_create(
        agency=agency,
        title=AUDIT_TITLE,
        defaults={
            "programme": programme_2017,
            "objectives": "Xác định mức độ phù hợp và hiệu lực của HTQLCL theo TCVN ISO 9001:2008 và các quy "
            "trình giải quyết TTHC; chuẩn bị cho họp xem xét của lãnh đạo.",
            "scope": "Văn phòng Sở, Phòng Thông tin - Báo chí - Xuất bản, Phòng Bưu chính, Viễn thông.",
            "criteria": "TCVN ISO 9001:2008; Sổ tay chất lượng; các quy trình giải quyết TTHC; "
            "QĐ 19/2014/QĐ-TTg.",
            "criteria_tags": [
                "TCVN ISO 9001:2008",
                "Sổ tay chất lượng",
                "QĐ 19/2014/QĐ-TTg",
                "Quy trình TTHC",
            ],
            "starts_on": dt.date(2017, 7, 26),
            "ends_on": dt.date(2017, 7, 26),
            "lead_auditor": p["chanhvanphong"],
            "summary": "Đoàn đã đánh giá 3 phòng theo kế hoạch. HTQLCL được duy trì, các quy trình TTHC được "
            "thực hiện tốt; ghi nhận 2 điểm mạnh, 2 điểm lưu ý và 3 điểm không phù hợp.",
            "conclusion": "HTQLCL của Sở phù hợp với tiêu chuẩn và được áp dụng có hiệu lực; "
            "các phòng có điểm không phù hợp lập phiếu yêu cầu hành động khắc phục trước ngày 15/8/2017.",
        },
    )
    audit.team.set([p["danhgia"], p["danhgia2"]])
    audit.auditees.set([d["VP"], d["TTBCXB"], d["BCVT"]])
    for division, hour, auditors in (
        ("VP", 8, ["danhgia"]),
        ("TTBCXB", 9, ["chanhvanphong", "danhgia2"]),
        ("BCVT", 14, ["danhgia"]),
    ):
        starts = dt.datetime(2017, 7, 26, hour, 0, tzinfo=LOCAL)
        session, _ = AuditSession.objects.update_or_create(
            audit=audit,
            division=d[division],
            defaults={"starts_at": starts, "ends_at": starts + dt.timedelta(hours=1, minutes=30)},
        )
        session.auditors.set([p[u] for u in auditors])
    for order, (clause, question) in enumerate(TEMPLATE_ITEMS, start=1):
        ChecklistItem.objects.update_or_create(
            audit=audit,
            order=order,
            defaults={
                "clause": clause,
                "question": question,
                "result": ChecklistResult.CONFORM,
                "evidence": "Đã kiểm tra tại các phòng",
            },
        )
    _audit_2018(ctx, programme_2018)
    for division, kind, clause, description, evidence, auditor in FINDINGS:
        Finding.objects.update_or_create(
            audit=audit,
            description=description,
            defaults={
                "kind": kind,
                "clause": clause,
                "evidence": evidence,
                "division": d[division],
                "auditor": p[auditor],
                "found_on": dt.date(2017, 7, 26),
            },
        )
    # Approved last: an approved report is frozen, findings included (eiso.audits.freezes).
    Audit.objects.filter(pk=audit.pk).update(
        report_status=ReportStatus.APPROVED, report_approved_on=dt.date(2017, 7, 31)
    )


AUDIT_2018_TITLE = "Đánh giá nội bộ tất cả các phòng năm 2018"


def _audit_2018(ctx: DemoContext, programme: AuditProgramme) -> None:
    """The audit planned from the 2018 programme: every division, no findings yet (report in draft)."""
    d, p = ctx.divisions, ctx.people
    audit, _ = Audit.objects.update_or_create(
        agency=ctx.agency,
        title=AUDIT_2018_TITLE,
        defaults={
            "programme": programme,
            "objectives": "Đánh giá sự phù hợp và hiệu lực của HTQLCL tại tất cả các phòng theo TCVN ISO "
            "9001:2015; theo dõi việc khắc phục các điểm không phù hợp năm 2017.",
            "scope": "Tất cả các phòng thuộc Sở.",
            "criteria": "TCVN ISO 9001:2015; Sổ tay chất lượng; các quy trình giải quyết TTHC.",
            "criteria_tags": ["TCVN ISO 9001:2015", "Sổ tay chất lượng", "Quy trình TTHC"],
            "starts_on": dt.date(2018, 6, 12),
            "ends_on": dt.date(2018, 6, 13),
            "lead_auditor": p["chanhvanphong"],
            "report_status": ReportStatus.DRAFT,
        },
    )
    audit.team.set([p["danhgia"], p["danhgia2"]])
    audit.auditees.set(d.values())
    # auditor per division, never their own: VP by danhgia, TTR by danhgia2, and so on
    schedule = [
        ("VP", 12, 8, ["danhgia"]),
        ("TTR", 12, 14, ["danhgia2"]),
        ("BCVT", 13, 8, ["danhgia", "danhgia2"]),
        ("CNTT", 13, 10, ["chanhvanphong", "danhgia"]),
        ("TTBCXB", 13, 14, ["chanhvanphong", "danhgia2"]),
    ]
    for division, day, hour, auditors in schedule:
        starts = dt.datetime(2018, 6, day, hour, 0, tzinfo=LOCAL)
        session, _ = AuditSession.objects.update_or_create(
            audit=audit,
            division=d[division],
            defaults={"starts_at": starts, "ends_at": starts + dt.timedelta(hours=1, minutes=30)},
        )
        session.auditors.set([p[u] for u in auditors])
    for order, (clause, question) in enumerate(TEMPLATE_ITEMS, start=1):
        ChecklistItem.objects.update_or_create(
            audit=audit, order=order, defaults={"clause": clause, "question": question}
        )


def _programme(
    ctx: DemoContext, year: int, approved_on: dt.date, budget: int, items: list[tuple[str, int]], note: str
) -> AuditProgramme:
    programme, _ = AuditProgramme.objects.update_or_create(
        agency=ctx.agency,
        year=year,
        defaults={
            "title": f"Chương trình đánh giá nội bộ năm {year}",
            "approved_on": approved_on,
            "approved_by": ctx.people["giamdoc"],
            "budget_line": "Kinh phí duy trì HTQLCL (TT 116/2015/TT-BTC)",
            "budget_amount": budget,
            "note": note,
        },
    )
    for code, month in items:
        ProgrammeItem.objects.update_or_create(
            programme=programme,
            division=ctx.divisions[code],
            procedure=None,
            process=None,
            defaults={"planned_month": month},
        )
    return programme
