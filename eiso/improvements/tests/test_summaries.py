import datetime as dt

import pytest

from eiso.core.testing import Personas
from eiso.improvements import services
from eiso.improvements.selectors import corrective_actions_closed_on_time_rate, nonconformity_summary
from eiso.improvements.tests.factories import make_car, planned_car

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
AT = dt.datetime(2017, 8, 1, 9, tzinfo=dt.UTC)


def _close(
    p: Personas, car: object, on: dt.date, result: str = "effective", done_at: dt.datetime = AT
) -> None:
    services.action_item_done(item=car.actions.get(), actor=p.officer, at=done_at)  # type: ignore[attr-defined]
    car.refresh_from_db()  # type: ignore[attr-defined]
    services.corrective_action_verify(car=car, actor=p.auditor, on=on, result=result, note="x")  # type: ignore[arg-type]


def test_the_nonconformity_summary_matches_a_hand_count(personas: Personas) -> None:
    # 1: closed effective, its action done before the deadline (done 01/08, due 25/08)
    on_time = planned_car(personas, on=dt.date(2017, 7, 26))
    _close(personas, on_time, dt.date(2017, 8, 25))
    # 2: closed effective, its action done after the deadline (done 05/09, due 20/08)
    late = planned_car(personas, on=dt.date(2017, 7, 21), deadline=dt.date(2017, 8, 20))
    _close(personas, late, dt.date(2017, 9, 10), done_at=dt.datetime(2017, 9, 5, 3, tzinfo=dt.UTC))
    # 3: not effective (due 30/09) -> forwarded, with 4: a follow-up request, still open, no deadline
    forwarded = planned_car(personas, on=dt.date(2017, 8, 31), deadline=dt.date(2017, 9, 30))
    _close(personas, forwarded, dt.date(2017, 10, 2), result="not_effective")
    # 5: in progress, due 30/11: overdue at the year end
    planned_car(personas, on=dt.date(2017, 10, 31), deadline=dt.date(2017, 11, 30))
    # 6: cancelled
    services.corrective_action_cancel(
        car=make_car(personas, on=dt.date(2017, 12, 1)), actor=personas.secretary, reason="Trùng"
    )
    # 7: raised in 2018: outside
    make_car(personas, on=dt.date(2018, 1, 5))

    summary = nonconformity_summary(agency=personas.agency, date_from=YEAR[0], date_to=YEAR[1])
    assert summary == {
        "opened": 5,
        "with_request": 5,
        "requested": 6,
        "carried_over": 0,
        "closed": 2,
        "closed_on_time": 1,
        "forwarded": 1,
        "cancelled": 1,
        "verified_effective": 2,
        "verified_not_effective": 1,
        "open": 2,
        "overdue": 1,
    }
    # the parts add up: every request of the period is in exactly one state at its end
    states = summary["closed"] + summary["forwarded"] + summary["cancelled"] + summary["open"]
    assert summary["requested"] + summary["carried_over"] == states
    # due in 2017 and not cancelled: 1, 2, 3, 5; closed on time: only 1
    assert corrective_actions_closed_on_time_rate(
        agency=personas.agency, date_from=YEAR[0], date_to=YEAR[1]
    ) == (1, 4)
