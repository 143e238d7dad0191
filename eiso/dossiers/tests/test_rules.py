import datetime as dt

import pytest

from eiso.dossiers.choices import DossierStatus, Timeliness
from eiso.dossiers.rules import classify_finished, classify_pending, finished_at_for
from eiso.dossiers.tests.factories import at

D = dt.date


def test_a_dossier_finished_before_its_due_date_is_early() -> None:
    assert classify_finished(D(2017, 3, 15), D(2017, 3, 16)) == Timeliness.EARLY


def test_a_dossier_finished_on_its_due_date_is_on_time() -> None:
    assert classify_finished(D(2017, 3, 16), D(2017, 3, 16)) == Timeliness.ON_TIME


def test_a_dossier_finished_after_its_due_date_is_late() -> None:
    assert classify_finished(D(2017, 3, 17), D(2017, 3, 16)) == Timeliness.LATE


def test_more_than_one_supplement_request_makes_an_early_dossier_late() -> None:
    assert classify_finished(D(2017, 3, 1), D(2017, 3, 16), supplement_count=2) == Timeliness.LATE
    assert classify_finished(D(2017, 3, 1), D(2017, 3, 16), supplement_count=1) == Timeliness.EARLY


def test_a_pending_dossier_is_in_time_up_to_and_including_its_due_date() -> None:
    assert classify_pending(D(2017, 3, 16), D(2017, 3, 16)) == Timeliness.PENDING_IN_TIME
    assert classify_pending(D(2017, 3, 17), D(2017, 3, 16)) == Timeliness.PENDING_OVERDUE


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (DossierStatus.RESOLVED, "resolved"),
        (DossierStatus.RETURNED, "resolved"),
        (DossierStatus.STOPPED, "resolved"),
        (DossierStatus.PROCESSING, None),
    ],
)
def test_finished_at_is_the_result_time_first_and_only_for_statuses_7_to_10(
    status: int, expected: str
) -> None:
    times = {"resolved": at("2017-03-10 10:00"), "returned": at("2017-03-11 10:00")}
    got = finished_at_for(status, times["resolved"], times["returned"], at("2017-03-12 10:00"))
    assert got == (times[expected] if expected else None)


def test_finished_at_falls_back_to_the_return_then_the_stop_time() -> None:
    assert finished_at_for(DossierStatus.RETURNED, None, at("2017-03-11 10:00"), None) == at(
        "2017-03-11 10:00"
    )
    assert finished_at_for(DossierStatus.WITHDRAWAL, None, None, at("2017-03-12 10:00")) == at(
        "2017-03-12 10:00"
    )
