"""Reads of the working calendar: the overrides that apply to an agency and its year view."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from eiso.core.models import Agency
from eiso.workdays.calendar import calendar_for
from eiso.workdays.models import CalendarOverride, OfficeHours


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    in_month: bool
    kind: str  # "work", "weekend", "holiday", "makeup"
    name: str


def override_list(*, agency: Agency, year: int | None = None) -> QuerySet[CalendarOverride]:
    """National overrides and the agency's own ones (optionally of one year), by date."""
    queryset = CalendarOverride.objects.filter(Q(agency=agency) | Q(agency__isnull=True)).select_related(
        "agency"
    )
    if year is not None:
        queryset = queryset.filter(date__year=year)
    return queryset.order_by("date", "agency_id")


def office_hours_of(*, agency: Agency) -> OfficeHours:
    return OfficeHours.objects.filter(agency=agency).first() or OfficeHours(agency=agency)


def year_view(*, agency: Agency, year: int) -> list[tuple[dt.date, list[list[DayCell]]]]:
    """Twelve month grids (weeks of Monday–Sunday) with each day's kind and the name of a day off."""
    cal = calendar_for(agency)
    months = []
    grid = pycalendar.Calendar(firstweekday=0)
    for month in range(1, 13):
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            row = []
            for day in week:
                working = cal.is_working_day(day)
                if working:
                    kind = "makeup" if day.weekday() >= 5 else "work"
                else:
                    kind = "weekend" if day.weekday() >= 5 else "holiday"
                row.append(
                    DayCell(day, day.month == month, kind, cal.holiday_name(day) if kind == "holiday" else "")
                )
            weeks.append(row)
        months.append((dt.date(year, month, 1), weeks))
    return months


def days_off_of_year(*, agency: Agency, year: int) -> list[tuple[dt.date, str]]:
    """The weekdays off of the year (public holidays, swaps, extra days off), with their names."""
    return calendar_for(agency).days_off_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
