"""Small builders for the audit and improvement tests, going through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eiso.audits import services as audits
from eiso.audits.choices import FindingKind
from eiso.audits.models import Audit, Finding
from eiso.core.testing import Personas
from eiso.improvements import services as improvements
from eiso.improvements.models import CorrectiveAction

DAY = dt.date(2017, 7, 26)


def make_audit(p: Personas, **fields: Any) -> Audit:
    """An audit led by the personas' auditor (who sits in the Office) of the specialised division."""
    values: dict[str, Any] = {
        "agency": p.agency,
        "actor": p.secretary,
        "title": "Đánh giá nội bộ năm 2017",
        "objectives": "Xác định mức độ phù hợp của HTQLCL",
        "scope": "Các phòng chuyên môn",
        "starts_on": DAY,
        "ends_on": DAY,
        "lead_auditor": p.auditor,
        "auditees": [p.division],
    }
    values.update(fields)
    return audits.audit_plan(**values)


def make_nc_finding(p: Personas, audit: Audit | None = None, on: dt.date = DAY) -> Finding:
    return audits.finding_record(
        audit=audit or make_audit(p),
        actor=p.auditor,
        kind=FindingKind.NONCONFORMITY,
        description="Hồ sơ không có phiếu kiểm soát quá trình",
        evidence="Hồ sơ số 000.00.01.H34-170601-0001",
        clause="8.5.1",
        division=p.division,
        found_on=on,
    )


def make_car(p: Personas, on: dt.date = DAY) -> CorrectiveAction:
    finding = make_nc_finding(p, on=on)
    nc = improvements.nonconformity_raise(
        agency=p.agency,
        actor=p.secretary,
        description=finding.description,
        raised_on=on,
        source_kind="audit_finding",
        finding=finding,
    )
    return improvements.corrective_action_request(nonconformity=nc, actor=p.secretary, on=on)


def planned_car(p: Personas, *, on: dt.date = DAY, deadline: dt.date | None = None) -> CorrectiveAction:
    """A request analysed by the division head, with one action owned by the officer, approved."""
    car = make_car(p, on=on)
    deadline = deadline or on + dt.timedelta(days=30)
    improvements.corrective_action_analyse(
        car=car,
        actor=p.division_head,
        root_cause="Chưa phổ biến quy trình cho cán bộ mới",
        whys=["Cán bộ mới", "Chưa đào tạo"],
        due_on=deadline,
        verify_after=deadline,
    )
    improvements.action_item_add(
        car=car,
        actor=p.division_head,
        description="Phổ biến lại quy trình",
        owner=p.officer,
        deadline=deadline,
    )
    improvements.corrective_action_submit(car=car, actor=p.division_head)
    at = dt.datetime(on.year, on.month, on.day, 9, tzinfo=dt.UTC)
    improvements.corrective_action_approve(car=car, actor=p.director, at=at)
    return car
