# ruff: noqa: E501 - Vietnamese demo sentences read better unbroken
"""Demo: the 2016 and 2017 management reviews of the reference case, and the 2018 plan built from them.

Re-runnable: built through the services once; a later `eiso load_demo` leaves the reviews, changes, records
and plans (and what the user added since) as they are, so ids never change. The 2017 inputs are compiled from the records the
other modules' demos created (dossiers, surveys, procedures, audits...), as of 01/08/2017.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from eiso.core.demo import DemoContext
from eiso.reviews import services
from eiso.reviews.choices import (
    ActionState,
    ChangeKind,
    DecisionKind,
    ProviderKind,
    ProviderResult,
    RecordKind,
)
from eiso.reviews.models import ManagementReview

PLACE = "Phòng họp Sở Thông tin và Truyền thông, 01 Trần Phú, Nha Trang"

COMMENTARY_2017 = {
    "changes": "Trong năm, UBND tỉnh công bố bộ TTHC chuẩn hóa thuộc thẩm quyền của Sở; Văn phòng Sở đã cập nhật "
    "danh mục và các quy trình giải quyết TTHC tương ứng.",
    "previous_actions": "Các kết luận của cuộc họp năm 2016 cơ bản đã được thực hiện; nội dung đào tạo bổ sung chuyên "
    "gia đánh giá nội bộ chuyển sang năm 2018.",
    "objectives": "Các chỉ tiêu của Mục tiêu chất lượng năm 2017 đều đạt tính đến ngày 01/8/2017.",
    "satisfaction": "Toàn bộ phiếu khảo sát thu được tại Bộ phận một cửa đều đánh giá hài lòng.",
    "dossiers": "Toàn bộ hồ sơ đã tiếp nhận đều được giải quyết sớm hạn, không có hồ sơ trễ hạn.",
    "procedures": "Đã công bố và niêm yết công khai đầy đủ các TTHC chuẩn hóa và quy trình giải quyết.",
    "internal_audit": "Cuộc đánh giá nội bộ ngày 26/7/2017 được thực hiện theo kế hoạch; các điểm mạnh được ghi nhận, các điểm không phù hợp đã được giao các phòng khắc phục.",
    "nonconformities": "Các điểm không phù hợp phát hiện trong đánh giá nội bộ ngày 26/7/2017 đang được các phòng phân tích nguyên nhân, đề xuất hành động khắc phục.",
    "documents": "Các tài liệu đã ban hành được áp dụng đúng; một số quy trình nội bộ cần chuẩn hóa lại.",
    "risks": "Các biện pháp kiểm soát rủi ro trễ hạn hồ sơ phát huy hiệu quả.",
    "external_providers": "Bưu điện tỉnh chuyển phát hồ sơ, kết quả đúng cam kết; đề nghị VNPT Khánh Hòa bổ sung phương án dự phòng máy chủ phần mềm một cửa điện tử.",
    "resources": "Nhân lực đáp ứng yêu cầu; cần bổ sung kinh phí cho hoạt động đánh giá nội bộ năm 2018.",
    "improvement": "Chuẩn hóa các quy trình nội bộ; bổ sung chỉ tiêu mới trong Mục tiêu chất lượng.",
}


@transaction.atomic
def load(ctx: DemoContext) -> None:
    agency = ctx.agency
    p = ctx.people
    office = ctx.divisions["VP"]
    if ManagementReview.objects.filter(agency=agency, year__in=(2016, 2017)).exists():
        return  # loaded before: a re-run keeps these reviews, their ids and whatever the user added

    services.qms_change_record(
        agency=agency,
        kind=ChangeKind.SCOPE,
        title="UBND tỉnh công bố bộ thủ tục hành chính chuẩn hóa thuộc thẩm quyền giải quyết của Sở",
        effective_on=dt.date(2017, 3, 1),
        effect_on_documents="Cập nhật danh mục TTHC và 48 quy trình giải quyết TTHC",
        documents_updated_on=dt.date(2017, 4, 20),
        actor=p["thuky"],
    )
    services.qms_change_record(
        agency=agency,
        kind=ChangeKind.ORGANISATION,
        title="Kiện toàn Ban Chỉ đạo ISO của Sở",
        reference="45/QĐ-STTTT",
        effective_on=dt.date(2016, 9, 1),
        effect_on_documents="Sửa đổi Sổ tay chất lượng, mục trách nhiệm và quyền hạn",
        documents_updated_on=dt.date(2016, 10, 5),
        actor=p["thuky"],
    )
    _providers(ctx)
    for kind, number, issued_on in (
        (RecordKind.EFFECTIVENESS, "", dt.date(2016, 6, 15)),
        (RecordKind.ANNOUNCEMENT, "112/QĐ-STTTT", dt.date(2016, 6, 20)),
    ):
        services.qms_record_issue(
            agency=agency,
            kind=kind,
            number=number,
            issued_on=issued_on,
            signed_by=p["giamdoc"],
            actor=p["thuky"],
        )

    # 2016: held 15/08/2016, directives partly done, one still open.
    r2016 = _held(ctx, 2016, dt.date(2016, 8, 1), dt.date(2016, 8, 15))
    d1 = services.decision_add(
        review=r2016,
        kind=DecisionKind.QMS_CHANGE,
        text="Rà soát, cập nhật tài liệu HTQLCL theo các TTHC mới được công bố",
        owner_division=office,
        deadline=dt.date(2016, 12, 31),
        actor=p["thuky"],
    )
    d2 = services.decision_add(
        review=r2016,
        kind=DecisionKind.IMPROVEMENT,
        text="Triển khai khảo sát sự hài lòng của tổ chức, công dân tại Bộ phận một cửa",
        owner_division=office,
        deadline=dt.date(2017, 3, 31),
        actor=p["thuky"],
    )
    services.decision_add(
        review=r2016,
        kind=DecisionKind.RESOURCE_NEED,
        text="Đào tạo bổ sung chuyên gia đánh giá nội bộ cho các phòng chuyên môn",
        owner=p["chanhvanphong"],
        deadline=dt.date(2017, 6, 30),
        actor=p["thuky"],
    )
    services.decision_close(
        decision=d1,
        state=ActionState.DONE,
        result_note="Đã cập nhật 48 quy trình giải quyết TTHC",
        actor=p["thuky"],
        on=dt.date(2016, 12, 20),
    )
    services.decision_close(
        decision=d2,
        state=ActionState.DONE,
        result_note="Đã đưa phiếu khảo sát vào sử dụng từ tháng 01/2017",
        actor=p["thuky"],
        on=dt.date(2017, 1, 10),
    )
    services.review_update(
        review=r2016, conclusion="Duy trì HTQLCL; cập nhật tài liệu theo các TTHC mới.", actor=p["thuky"]
    )
    services.review_issue_minutes(review=r2016, number="15", notice_number="16", actor=p["thuky"])
    services.review_close(review=r2016, actor=p["thuky"])

    # 2017: the meeting of the article.
    r2017 = _held(ctx, 2017, dt.date(2017, 8, 1), dt.date(2017, 8, 7), comment=True)
    for decision_kind, text, owner, deadline, amount in (
        (
            DecisionKind.QMS_CHANGE,
            "Chuẩn hóa các quy trình nội bộ",
            office,
            dt.date(2017, 12, 31),
            None,
        ),
        (
            DecisionKind.QMS_CHANGE,
            "Bổ sung một số chỉ tiêu mới trong Mục tiêu chất lượng năm 2018",
            office,
            dt.date(2017, 12, 31),
            None,
        ),
        (
            DecisionKind.IMPROVEMENT,
            "Đánh giá nội bộ tất cả các phòng thuộc Sở",
            office,
            dt.date(2018, 11, 30),
            None,
        ),
        (
            DecisionKind.RESOURCE_NEED,
            "Bổ sung kinh phí đánh giá nội bộ trong năm 2018",
            office,
            dt.date(2017, 9, 30),
            12_000_000,
        ),
    ):
        services.decision_add(
            review=r2017,
            kind=decision_kind,
            text=text,
            owner_division=owner,
            deadline=deadline,
            amount_vnd=amount,
            is_internal_audit_budget=amount is not None,
            budget_year=2018 if amount is not None else None,
            actor=p["thuky"],
        )
    services.review_update(
        review=r2017,
        conclusion="Các phòng thuộc Sở tiếp tục phát huy kết quả đạt được, tiến hành các bước chuẩn bị hoạch định "
        "Hệ thống quản lý chất lượng cho năm 2018.",
        actor=p["thuky"],
    )
    services.review_issue_minutes(review=r2017, number="37", notice_number="38", actor=p["thuky"])
    services.plan_next_year(review=r2017, actor=p["thuky"])


# (provider, its evaluation on the first half of 2017, who evaluated it)
PROVIDERS: list[tuple[dict[str, Any], dict[str, Any], str]] = [
    (
        {
            "name": "Bưu điện tỉnh Khánh Hòa",
            "kind": ProviderKind.POSTAL,
            "service": "Tiếp nhận hồ sơ, trả kết quả giải quyết TTHC qua dịch vụ bưu chính công ích",
            "contract": "Hợp đồng số 12/2016/HĐ-BĐKH ngày 26/9/2016",
            "since": dt.date(2016, 10, 1),
        },
        {
            "evaluated_on": dt.date(2017, 7, 5),
            "criterion": "Hồ sơ, kết quả được chuyển phát đúng thời gian cam kết",
            "met": 37,
            "total": 38,
            "result": ProviderResult.MEETS,
            "note": "Một bưu gửi chuyển chậm một ngày, không làm hồ sơ trễ hạn",
        },
        "chanhvanphong",
    ),
    (
        {
            "name": "VNPT Khánh Hòa",
            "kind": ProviderKind.SOFTWARE,
            "service": "Phần mềm Một cửa điện tử và Cổng dịch vụ công trực tuyến của Sở",
            "contract": "Hợp đồng số 05/2016/HĐ-VNPT ngày 15/01/2016",
            "since": dt.date(2016, 2, 1),
        },
        {
            "evaluated_on": dt.date(2017, 7, 10),
            "criterion": "Sự cố phần mềm được khắc phục trong 4 giờ làm việc theo hợp đồng",
            "met": 5,
            "total": 6,
            "result": ProviderResult.PARTLY,
            "note": "Sự cố máy chủ ngày 14/3/2017 khắc phục sau 2 ngày làm việc; "
            "đã đề nghị bổ sung phương án dự phòng",
        },
        "truongphongcntt",
    ),
]


def _providers(ctx: DemoContext) -> None:
    """The public postal service carrying dossiers and results, and the vendor of the one-stop software,
    each evaluated on the first half of 2017."""
    agency, p = ctx.agency, ctx.people
    for provider, evaluation, evaluator in PROVIDERS:
        registered = services.provider_register(agency=agency, actor=p["thuky"], **provider)
        services.provider_evaluate(
            provider=registered,
            period_from=dt.date(2017, 1, 1),
            period_to=dt.date(2017, 6, 30),
            actor=p[evaluator],
            **evaluation,
        )


def _held(
    ctx: DemoContext, year: int, as_of: dt.date, held_on: dt.date, *, comment: bool = False
) -> ManagementReview:
    p = ctx.people
    present = [
        p[u]
        for u in (
            "giamdoc",
            "phogiamdoc",
            "thuky",
            "chanhvanphong",
            "truongphong",
            "truongphongbcvt",
            "truongphongcntt",
            "chuyenvien",
        )
    ]
    review = services.review_plan(
        agency=ctx.agency,
        year=year,
        planned_on=held_on,
        place=PLACE,
        chair=p["giamdoc"],
        secretary=p["thuky"],
        invited=[*present, p["chanhthanhtra"]],
        actor=p["thuky"],
    )
    review = services.review_collect_inputs(review=review, as_of=as_of, actor=p["thuky"])
    if comment:
        for item in review.inputs.all():
            services.input_comment(
                review_input=item, commentary=COMMENTARY_2017.get(item.key, ""), actor=p["thuky"]
            )
    return services.review_hold(
        review=review,
        held_on=held_on,
        present=present,
        started_at=dt.time(8, 0),
        ended_at=dt.time(10, 30),
        discussion="Các thành viên Ban Chỉ đạo ISO thống nhất với báo cáo của Thư ký; đề nghị chuẩn hóa các quy "
        f"trình nội bộ và bổ sung chỉ tiêu mới cho năm {year + 1}.",
        acknowledged=comment,  # the secretary compared the commentary with the figures flagged beside it
        actor=p["thuky"],
    )
