import datetime as dt
from decimal import Decimal

from eiso.objectives.selectors import periods, status_of


def test_a_value_meeting_the_target_is_met() -> None:
    assert status_of(Decimal(100), "gte", Decimal(100)) == "met"
    assert status_of(Decimal(3), "lte", Decimal(5)) == "met"


def test_a_value_within_five_points_below_the_target_is_at_risk() -> None:
    assert status_of(Decimal("95.00"), "gte", Decimal(100)) == "at_risk"
    assert status_of(Decimal("94.99"), "gte", Decimal(100)) == "not_met"
    assert status_of(Decimal(8), "lte", Decimal(5)) == "at_risk"


def test_a_met_value_with_a_falling_last_period_below_target_is_at_risk() -> None:
    trend = [{"value": Decimal(100)}, {"value": Decimal(80)}]
    assert status_of(Decimal(90), "gte", Decimal(90), trend) == "at_risk"
    assert (
        status_of(Decimal(95), "gte", Decimal(90), [{"value": Decimal(80)}, {"value": Decimal(100)}]) == "met"
    )


def test_no_value_means_no_data() -> None:
    assert status_of(None, "gte", Decimal(100)) == "no_data"


def test_periods_follow_the_frequency_and_stop_at_the_as_of_date() -> None:
    assert [p[0] for p in periods(2017, "quarterly", dt.date(2017, 8, 1))] == [
        "Q1/2017",
        "Q2/2017",
        "Q3/2017",
    ]
    assert periods(2017, "quarterly", dt.date(2017, 8, 1))[-1][2] == dt.date(2017, 8, 1)
    assert len(periods(2017, "monthly", dt.date(2017, 12, 31))) == 12
    assert [p[0] for p in periods(2017, "half_yearly", dt.date(2017, 12, 31))] == ["H1/2017", "H2/2017"]
