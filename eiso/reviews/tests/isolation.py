"""URLs of the reviews app that take arguments, with objects of `agency`, for the isolation walk."""

import datetime as dt
from typing import Any

from eiso.core.choices import Role
from eiso.core.models import Agency, Person, RoleGrant
from eiso.reviews import services
from eiso.reviews.choices import DecisionKind, RecordKind

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    person = Person.objects.create(agency=agency, full_name="Giám đốc bị truy cập trái phép")
    RoleGrant.objects.create(person=person, role=Role.DIRECTOR)
    review = services.review_plan(
        agency=agency, year=2017, planned_on=dt.date(2017, 8, 7), chair=person, secretary=person, actor=None
    )
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    review_input = review.inputs.first()
    assert review_input is not None
    review = services.review_hold(review=review, held_on=dt.date(2017, 8, 7), present=[person], actor=None)
    decision = services.decision_add(review=review, kind=DecisionKind.IMPROVEMENT, text="Bí mật", actor=None)
    record = services.qms_record_issue(
        agency=agency,
        kind=RecordKind.EFFECTIVENESS,
        issued_on=dt.date(2016, 6, 15),
        signed_by=person,
        actor=None,
    )
    by_review = {"pk": review.pk}
    return {
        "reviews:detail": by_review,
        "reviews:collect": by_review,
        "reviews:details": by_review,
        "reviews:hold": by_review,
        "reviews:decision_add": by_review,
        "reviews:issue_minutes": by_review,
        "reviews:close": by_review,
        "reviews:plan_next": by_review,
        "reviews:document": {"pk": review.pk, "document": "bien-ban", "fmt": "pdf"},
        "reviews:comment": {"pk": review_input.pk},
        "reviews:decision_update": {"pk": decision.pk},
        "reviews:record_document": {"pk": record.pk, "fmt": "pdf"},
    }
