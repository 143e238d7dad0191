"""Builders for the improvement tests: corrective-action requests raised from an audit finding, through the
real services."""

from __future__ import annotations

import datetime as dt

from eiso.audits.tests.factories import DAY, make_nc_finding
from eiso.core.testing import Personas
from eiso.improvements import services as improvements
from eiso.improvements.models import CorrectiveAction


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
