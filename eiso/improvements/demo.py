"""Demo: the three nonconformities of the 26/07/2017 audit, each with a corrective action request in a
different state (closed and verified effective, in progress, awaiting approval). Re-runnable."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from eiso.audits.choices import FindingKind
from eiso.audits.demo import AUDIT_TITLE
from eiso.audits.models import Finding
from eiso.core.demo import DemoContext
from eiso.core.models import Person
from eiso.improvements.choices import CarState, NcSource, Verification
from eiso.improvements.models import ActionItem, CorrectiveAction, Nonconformity

FINAL_STATES = (CarState.CLOSED, CarState.FORWARDED, CarState.CANCELLED)

LOCAL = dt.timezone(dt.timedelta(hours=7))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=LOCAL)


@transaction.atomic
def load(ctx: DemoContext) -> None:
    p = ctx.people
    findings = {
        f.division.code: f
        for f in Finding.objects.filter(
            audit__agency=ctx.agency, audit__title=AUDIT_TITLE, kind=FindingKind.NONCONFORMITY
        ).select_related("division")
    }
    requested = dt.date(2017, 8, 2)
    # 1. TTBCXB: closed, verified effective
    car = _car(
        ctx,
        "01/2017",
        findings["TTBCXB"],
        requested,
        state=CarState.CLOSED,
        root_cause="Cán bộ mới tiếp nhận nhiệm vụ chưa được phổ biến quy trình; "
        "phiếu kiểm soát không được in kèm hồ sơ khi tiếp nhận.",
        whys=[
            "Vì sao thiếu phiếu kiểm soát? Bộ phận một cửa không in kèm khi chuyển hồ sơ.",
            "Vì sao không in kèm? Cán bộ mới chưa được hướng dẫn quy trình.",
            "Vì sao chưa được hướng dẫn? Chưa có quy định phổ biến quy trình cho cán bộ mới.",
        ],
        correction="Bổ sung phiếu kiểm soát cho hai hồ sơ 45/2017 và 51/2017.",
        due_on=dt.date(2017, 8, 31),
        verify_after=dt.date(2017, 9, 15),
        approved_by=p["truongphong"],
        approved_at=_at(dt.date(2017, 8, 4)),
        verified_by=p["danhgia"],
        verified_on=dt.date(2017, 9, 20),
        verification=Verification.EFFECTIVE,
        verification_note="Kiểm tra ngẫu nhiên 20 hồ sơ tháng 9/2017: tất cả có phiếu kiểm soát.",
        closed_on=dt.date(2017, 9, 20),
    )
    _action(
        car,
        "Phổ biến lại quy trình cho toàn bộ cán bộ phòng",
        p["truongphong"],
        dt.date(2017, 8, 15),
        done=dt.date(2017, 8, 14),
    )
    _action(
        car,
        "Bộ phận một cửa in phiếu kiểm soát kèm mọi hồ sơ khi tiếp nhận",
        p["chuyenvien"],
        dt.date(2017, 8, 31),
        done=dt.date(2017, 8, 25),
    )
    _finish(car)
    # 2. BCVT: in progress
    car = _car(
        ctx,
        "02/2017",
        findings["BCVT"],
        requested,
        state=CarState.IN_PROGRESS,
        root_cause="Quy trình giải quyết phản ánh, kiến nghị chưa phân công người tổng hợp ở cấp phòng.",
        correction="Lập ngay sổ theo dõi phản ánh, kiến nghị năm 2017.",
        due_on=dt.date(2017, 9, 30),
        verify_after=dt.date(2017, 10, 31),
        approved_by=p["truongphongbcvt"],
        approved_at=_at(dt.date(2017, 8, 7)),
    )
    _action(
        car,
        "Lập sổ theo dõi phản ánh, kiến nghị lĩnh vực bưu chính",
        p["chuyenvienbcvt"],
        dt.date(2017, 8, 20),
        done=dt.date(2017, 8, 18),
    )
    _action(
        car,
        "Phân công chuyên viên tổng hợp, báo cáo hằng tháng cho Văn phòng",
        p["truongphongbcvt"],
        dt.date(2017, 9, 30),
    )
    # 3. VP: awaiting approval
    car = _car(
        ctx,
        "03/2017",
        findings["VP"],
        requested,
        state=CarState.AWAITING_APPROVAL,
        root_cause="Mẫu danh mục hồ sơ chất lượng không có cột thời gian lưu trữ.",
        due_on=dt.date(2017, 9, 15),
        verify_after=dt.date(2017, 10, 15),
    )
    _action(
        car,
        "Sửa mẫu danh mục hồ sơ, bổ sung thời gian lưu trữ theo quy định",
        p["thuky"],
        dt.date(2017, 9, 15),
    )


def _car(
    ctx: DemoContext, number: str, finding: Finding, requested: dt.date, **fields: object
) -> CorrectiveAction:
    nc, _ = Nonconformity.objects.update_or_create(
        agency=ctx.agency,
        finding=finding,
        defaults={
            "source_kind": NcSource.AUDIT_FINDING,
            "division": finding.division,
            "description": finding.description,
            "source_note": AUDIT_TITLE,
            "raised_on": dt.date(2017, 7, 31),
            "raised_by": ctx.people["thuky"],
        },
    )
    # A final request is frozen with its actions (eiso.improvements.freezes): it reaches its final state
    # in `_finish`, after its actions are recorded.
    state = str(fields.pop("state"))
    car, _ = CorrectiveAction.objects.update_or_create(
        agency=ctx.agency,
        number=number,
        defaults={
            "nonconformity": nc,
            "requested_by": ctx.people["thuky"],
            "requested_on": requested,
            **fields,
        },
        create_defaults={
            "nonconformity": nc,
            "requested_by": ctx.people["thuky"],
            "requested_on": requested,
            **fields,
            "state": CarState.VERIFYING if state in FINAL_STATES else state,
        },
    )
    if state not in FINAL_STATES:
        CorrectiveAction.objects.filter(pk=car.pk).update(state=state)
    car.state = state
    return car


def _finish(car: CorrectiveAction) -> None:
    CorrectiveAction.objects.filter(pk=car.pk).update(state=car.state)


def _action(
    car: CorrectiveAction, description: str, owner: Person, deadline: dt.date, done: dt.date | None = None
) -> None:
    ActionItem.objects.update_or_create(
        corrective_action=car,
        description=description,
        defaults={
            "owner": owner,
            "deadline": deadline,
            "done_at": _at(done) if done else None,
            "done_note": "Đã thực hiện" if done else "",
        },
    )
