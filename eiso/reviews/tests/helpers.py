"""Builders for the reviews tests: a planned review and a held one, through the real services."""

from __future__ import annotations

import datetime as dt

from eiso.core.testing import Personas
from eiso.reviews import services
from eiso.reviews.choices import DecisionKind
from eiso.reviews.models import ManagementReview


def planned(personas: Personas, year: int = 2017) -> ManagementReview:
    return services.review_plan(
        agency=personas.agency,
        year=year,
        planned_on=dt.date(year, 8, 7),
        place="Phòng họp Sở",
        chair=personas.director,
        secretary=personas.secretary,
        invited=[personas.deputy, personas.division_head],
        actor=personas.secretary,
    )


def held(personas: Personas, year: int = 2017, as_of: dt.date | None = None) -> ManagementReview:
    review = planned(personas, year)
    services.review_collect_inputs(
        review=review, as_of=as_of or dt.date(year, 8, 1), actor=personas.secretary
    )
    return services.review_hold(
        review=review,
        held_on=dt.date(year, 8, 7),
        present=[personas.director, personas.secretary, personas.deputy],
        started_at=dt.time(8, 0),
        ended_at=dt.time(10, 30),
        actor=personas.secretary,
    )


def with_decisions(personas: Personas, review: ManagementReview) -> ManagementReview:
    services.decision_add(
        review=review,
        kind=DecisionKind.QMS_CHANGE,
        text="Chuẩn hóa các quy trình nội bộ",
        owner_division=personas.office,
        deadline=dt.date(review.year, 12, 31),
        actor=personas.secretary,
    )
    services.decision_add(
        review=review,
        kind=DecisionKind.RESOURCE_NEED,
        text="Bổ sung kinh phí đánh giá nội bộ",
        amount_vnd=10_000_000,
        is_internal_audit_budget=True,
        actor=personas.secretary,
    )
    return review
