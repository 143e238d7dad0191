"""The working calendar and the due-date rule: worked examples around the holidays, and properties."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas, make_agency
from eiso.workdays.calendar import LOCAL_TZ, Override, WorkingCalendar, build_calendar, calendar_for
from eiso.workdays.choices import OverrideKind
from eiso.workdays.demo import NATIONAL_CALENDAR
from eiso.workdays.services import calendar_import, office_hours_save, override_save

DAYS, HOURS = "working_days", "working_hours"


def _national_overrides() -> list[Override]:
    with Path(NATIONAL_CALENDAR).open(encoding="utf-8") as handle:
        return [
            Override(dt.date.fromisoformat(r["date"]), r["kind"], r["note"]) for r in csv.DictReader(handle)
        ]


CAL = WorkingCalendar(_national_overrides())
PACKAGE_ONLY = WorkingCalendar()


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=LOCAL_TZ)


def due_date(start: dt.datetime, n: int | str, unit: str = DAYS, cutoff: dt.time | None = None) -> dt.date:
    return CAL.due(start, Decimal(n), unit, cutoff).due_date


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        (at(2017, 1, 25), dt.date(2017, 2, 2), "Tết 2017: 26/1–1/2 off"),
        (at(2024, 2, 7), dt.date(2024, 2, 15), "Tết 2024: 8/2–14/2 off"),
        (at(2025, 1, 24), dt.date(2025, 2, 3), "Tết 2025: 27/1–31/1 off"),
        (at(2017, 4, 28), dt.date(2017, 5, 3), "30/4 on Sunday: 1/5 and 2/5 (observed) off"),
        (at(2017, 9, 1), dt.date(2017, 9, 5), "2/9 on Saturday: 4/9 observed"),
        (at(2025, 4, 25), dt.date(2025, 4, 26), "make-up Saturday 26/4/2025 is a working day"),
        (at(2025, 4, 29), dt.date(2025, 5, 5), "30/4, 1/5 and the swapped 2/5/2025 off"),
        (at(2024, 5, 3), dt.date(2024, 5, 4), "make-up Saturday 04/05/2024 is a working day"),
        (at(2025, 12, 31), dt.date(2026, 1, 5), "1/1/2026 and the swapped 2/1/2026 off"),
        (at(2026, 1, 9), dt.date(2026, 1, 10), "make-up Saturday 10/1/2026 is a working day"),
    ],
)
def test_one_working_day_after_a_holiday_eve_skips_the_holidays(
    received: dt.datetime, expected: dt.date, why: str
) -> None:
    assert due_date(received, 1) == expected, why


def test_the_package_alone_does_not_know_the_2026_new_year_swap() -> None:
    assert PACKAGE_ONLY.is_working_day(dt.date(2026, 1, 2))
    assert not CAL.is_working_day(dt.date(2026, 1, 2))


def test_ten_working_days_from_2_march_2017_are_due_on_16_march_with_an_explanation() -> None:
    due = CAL.due(at(2017, 3, 2, 9, 15), Decimal(10), DAYS, None)
    assert due.start_date == dt.date(2017, 3, 2)
    assert due.due_date == dt.date(2017, 3, 16)
    assert due.due_at == dt.datetime(2017, 3, 16, 17, 0, tzinfo=LOCAL_TZ)
    assert (
        due.explanation
        == "Tiếp nhận 02/03/2017 09:15 → tính từ 03/03/2017 → 10 ngày làm việc → hạn 16/03/2017"
    )


def test_the_explanation_counts_the_skipped_holidays_and_speaks_english_too() -> None:
    due = CAL.due(at(2017, 1, 24), Decimal(5), DAYS, None)
    assert due.due_date == dt.date(2017, 2, 7)
    assert [d for d, _name in due.holidays_skipped] == [
        dt.date(2017, 1, 26),
        dt.date(2017, 1, 27),
        dt.date(2017, 1, 30),
        dt.date(2017, 1, 31),
        dt.date(2017, 2, 1),
    ]
    assert due.explanation.endswith("hạn 07/02/2017; bỏ qua 5 ngày nghỉ lễ")
    with translation.override("en"):
        assert due.explanation == (
            "Received 24/01/2017 09:00 → counted from 25/01/2017 → 5 working days → due 07/02/2017; "
            "5 public holidays skipped"
        )


def test_a_dossier_received_at_or_after_the_cutoff_counts_from_the_next_day() -> None:
    cutoff = dt.time(15, 0)
    assert due_date(at(2017, 3, 2, 14, 59), 1, cutoff=cutoff) == dt.date(2017, 3, 3)
    assert due_date(at(2017, 3, 2, 15, 0), 1, cutoff=cutoff) == dt.date(2017, 3, 6)
    assert CAL.due(at(2017, 3, 2, 15, 0), Decimal(1), DAYS, cutoff).start_date == dt.date(2017, 3, 3)


def test_the_start_date_is_the_local_date_of_the_reception() -> None:
    utc_evening = dt.datetime(2017, 3, 1, 20, 0, tzinfo=dt.UTC)  # 03:00 on 2 March in Vietnam
    assert CAL.due(utc_evening, Decimal(1), DAYS, None).start_date == dt.date(2017, 3, 2)


def test_a_same_day_procedure_is_due_the_same_working_day_or_the_next_one() -> None:
    assert due_date(at(2017, 3, 2), 0) == dt.date(2017, 3, 2)
    assert due_date(at(2017, 3, 4), 0) == dt.date(2017, 3, 6)  # Saturday → Monday
    assert due_date(at(2017, 3, 2, 16), 0, cutoff=dt.time(15)) == dt.date(2017, 3, 3)


def test_hours_are_counted_inside_office_hours() -> None:
    due = CAL.due(at(2017, 3, 2, 16, 15), Decimal(24), HOURS, None)
    # 45 min on Thursday, 8 h Friday, 8 h Monday, 7 h 15 on Tuesday (4 h 30 morning + 2 h 45 afternoon)
    assert due.due_at == at(2017, 3, 7, 16, 15)
    assert due.due_date == dt.date(2017, 3, 7)
    early = CAL.due(at(2017, 3, 2, 6, 0), Decimal(4), HOURS, None)
    assert early.due_at == at(2017, 3, 2, 11, 0)  # counting starts at 07:00
    lunch = CAL.due(at(2017, 3, 2, 12, 0), Decimal(1), HOURS, None)
    assert lunch.due_at == at(2017, 3, 2, 14, 30)


def test_half_a_day_is_four_working_hours() -> None:
    due = CAL.due(at(2017, 3, 3, 16, 0), Decimal("0.5"), DAYS, None)
    assert due.due_at == at(2017, 3, 6, 10, 0)  # 1 h Friday + 3 h Monday morning
    assert "0,5 ngày làm việc" in due.explanation


def test_hours_skip_holidays() -> None:
    due = CAL.due(at(2017, 1, 25, 16, 0), Decimal(2), HOURS, None)
    assert due.due_at == at(2017, 2, 2, 8, 0)
    assert len(due.holidays_skipped) == 5


def test_adding_working_days_far_outside_the_precomputed_years_still_works() -> None:
    calendar = WorkingCalendar(first_year=2017, last_year=2017)
    assert calendar.add_working_days(dt.date(2017, 12, 29), 1) == dt.date(2018, 1, 2)
    assert calendar.is_working_day(dt.date(2040, 1, 3))
    assert calendar.add_working_days(dt.date(2005, 1, 3), 1) == dt.date(2005, 1, 4)


# -- properties ---------------------------------------------------------------------------------------------
starts = st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda d: d.replace(tzinfo=LOCAL_TZ)
)
cutoffs = st.one_of(st.none(), st.sampled_from([dt.time(15, 0), dt.time(16, 30)]))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60), cutoff=cutoffs)
def test_the_due_date_is_a_working_day_never_before_the_start_date(
    start: dt.datetime, n: int, cutoff: dt.time | None
) -> None:
    due = CAL.due(start, Decimal(n), DAYS, cutoff)
    assert CAL.is_working_day(due.due_date)
    assert due.due_date >= due.start_date
    if n >= 1:
        assert due.due_date > due.start_date


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=60), cutoff=cutoffs)
def test_the_due_date_grows_with_the_time_limit(start: dt.datetime, n: int, cutoff: dt.time | None) -> None:
    assert due_date(start, n, cutoff=cutoff) <= due_date(start, n + 1, cutoff=cutoff)
    if n >= 1:
        assert due_date(start, n, cutoff=cutoff) < due_date(start, n + 1, cutoff=cutoff)


@settings(max_examples=200, deadline=None)
@given(start=starts, hours=st.integers(min_value=1, max_value=200))
def test_hour_limits_end_inside_office_hours_on_a_working_day_and_grow(
    start: dt.datetime, hours: int
) -> None:
    due = CAL.due(start, Decimal(hours), HOURS, None)
    assert due.due_at is not None and due.due_at > start
    assert CAL.is_working_day(due.due_date)
    assert dt.time(7, 0) < due.due_at.timetz().replace(tzinfo=None) <= dt.time(17, 0)
    later = CAL.due(start, Decimal(hours + 1), HOURS, None)
    assert later.due_at is not None and later.due_at > due.due_at


# -- per-agency calendars from the database -----------------------------------------------------------------
@pytest.mark.django_db
def test_an_agency_calendar_combines_national_and_agency_overrides(personas: Personas) -> None:
    calendar_import(agency=None, file=NATIONAL_CALENDAR)
    agency = personas.agency
    assert not calendar_for(agency).is_working_day(dt.date(2026, 1, 2))
    override_save(
        agency=agency,
        actor=personas.secretary,
        date=dt.date(2017, 3, 3),
        kind=OverrideKind.HOLIDAY,
        note="Nghỉ",
    )
    override_save(
        agency=agency, actor=personas.secretary, date=dt.date(2026, 1, 2), kind=OverrideKind.WORKDAY
    )
    calendar = calendar_for(agency)
    assert not calendar.is_working_day(dt.date(2017, 3, 3))
    assert calendar.is_working_day(dt.date(2026, 1, 2))  # the agency's own row wins
    other = calendar_for(personas.other_agency)
    assert other.is_working_day(dt.date(2017, 3, 3))
    assert not other.is_working_day(dt.date(2026, 1, 2))


@pytest.mark.django_db
def test_the_cached_calendar_follows_changes_of_the_overrides(personas: Personas) -> None:
    agency = make_agency()
    first = calendar_for(agency)
    assert calendar_for(agency) is first
    override_save(agency=agency, actor=None, date=dt.date(2017, 3, 3), kind=OverrideKind.HOLIDAY)
    assert not calendar_for(agency).is_working_day(dt.date(2017, 3, 3))


@pytest.mark.django_db
def test_office_hours_of_the_agency_set_the_end_of_the_due_day(personas: Personas) -> None:
    office_hours_save(
        agency=personas.agency,
        actor=personas.secretary,
        morning_start=dt.time(7, 30),
        morning_end=dt.time(11, 30),
        afternoon_start=dt.time(13, 0),
        afternoon_end=dt.time(16, 30),
    )
    due = calendar_for(personas.agency).due(at(2017, 3, 2), Decimal(1), DAYS, None)
    assert due.due_at == at(2017, 3, 3, 16, 30)
    assert build_calendar(None).periods[-1][1] == dt.time(17, 0)
