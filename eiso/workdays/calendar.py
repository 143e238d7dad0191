"""The working calendar and the due-date rule every dossier, import, export and report agrees on.

Working days: Monday–Friday, minus the Vietnamese public holidays of the pinned `holidays` package
(country "VN"; its swapped Saturdays, `weekend_workdays`, count as working days), minus the extra days off,
plus the extra working days (make-up Saturdays) of the override table. National overrides (no agency) apply
to every agency; an agency's own override of the same date wins.

Speed: a calendar keeps the sorted ordinals of the working days of a range of years and answers with
`bisect`, so computing a due date costs a few microseconds. `calendar_for(agency)` caches one calendar per
agency and state of the override table (one small aggregate query per call: call it once per import).

The due-date rule (issue 3 §4, docs/timeliness.md) is implemented in `WorkingCalendar.due`:

* Start date D is the local (Asia/Ho_Chi_Minh) date of `start`; if the procedure has a cut-off time and
  the local time of `start` is at or after it, D is the next calendar day.
* N working days, N >= 1: the due date is the N-th working day strictly after D (the first day is not
  counted, Civil Code Art. 147). `due_at` is the end of office hours of the due date.
* N = 0 (same-day procedures): the due date is D if D is a working day, else the next working day.
* Hours (`working_hours`) and fractional days (value × 8 working hours): working time is counted inside office
  hours from `start` (from D's first office moment when the cut-off moved D; from the next office-hours
  moment when `start` is outside office hours). `due_at` is the moment the hours are used up and the due date
  is its local date.
"""

from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Q, Sum
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eiso.core.models import Agency
from eiso.workdays.choices import OverrideKind
from eiso.workdays.models import DEFAULT_AFTERNOON, DEFAULT_MORNING, CalendarOverride, OfficeHours

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS_PER_DAY = 8
WORKING_DAYS = "working_days"
WORKING_HOURS = "working_hours"
_ONE_DAY = dt.timedelta(days=1)
_FIRST_YEAR = 2010
_LAST_YEAR = 2035


@dataclass(frozen=True)
class Due:
    """A computed due date and how it was reached, for the dossier page and the auditor.

    `explanation` is built when read, in the active language, so computing a million due dates stays cheap.
    """

    start_date: dt.date
    due_date: dt.date
    due_at: dt.datetime | None
    holidays_skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    received_at: dt.datetime | None = field(default=None, repr=False)
    cutoff: dt.time | None = field(default=None, repr=False)
    value: Decimal = field(default=Decimal(0), repr=False)
    unit: str = field(default=WORKING_DAYS, repr=False)
    first_counted_day: dt.date | None = field(default=None, repr=False)

    @property
    def explanation(self) -> str:
        parts = []
        if self.received_at is not None:
            parts.append(_("Tiếp nhận {at}").format(at=f"{self.received_at:%d/%m/%Y %H:%M}"))
        if self.cutoff is not None:
            parts.append(
                _("sau {cutoff}, tính là ngày {day}").format(
                    cutoff=f"{self.cutoff:%H:%M}", day=_fmt_date(self.start_date)
                )
            )
        if self.value == 0:
            parts.append(_("giải quyết trong ngày"))
        elif self.unit == WORKING_DAYS and self.value == self.value.to_integral_value():
            n = int(self.value)
            if self.first_counted_day is not None:
                parts.append(_("tính từ {day}").format(day=_fmt_date(self.first_counted_day)))
            parts.append(ngettext("{n} ngày làm việc", "{n} ngày làm việc", n).format(n=n))
        elif self.unit == WORKING_DAYS:
            parts.append(_("{value} ngày làm việc").format(value=_fmt_value(self.value)))
        else:
            parts.append(_("{value} giờ làm việc").format(value=_fmt_value(self.value)))
        parts.append(_("hạn {due}").format(due=_fmt_date(self.due_date)))
        text = " → ".join(parts)
        if self.holidays_skipped:
            n = len(self.holidays_skipped)
            text += "; " + ngettext("bỏ qua {n} ngày nghỉ lễ", "bỏ qua {n} ngày nghỉ lễ", n).format(n=n)
        return text


@dataclass(frozen=True)
class Override:
    date: dt.date
    kind: str
    note: str


def _fmt_date(d: dt.date) -> str:
    return f"{d:%d/%m/%Y}"


def _fmt_value(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return formats.number_format(value.normalize(), use_l10n=True)


class WorkingCalendar:
    """Working days of one agency: Mon–Fri − package holidays − extra days off + extra working days."""

    def __init__(
        self,
        overrides: list[Override] | tuple[Override, ...] = (),
        periods: list[tuple[dt.time, dt.time]] | None = None,
        first_year: int = _FIRST_YEAR,
        last_year: int = _LAST_YEAR,
    ) -> None:
        self.overrides = {o.date: o for o in overrides}
        self.periods = periods or [DEFAULT_MORNING, DEFAULT_AFTERNOON]
        self._lock = threading.Lock()
        self._build(first_year, last_year)

    # -- construction ---------------------------------------------------------------------------------------
    def _build(self, first_year: int, last_year: int) -> None:
        import holidays  # imported when a calendar is first built, not at start-up

        years = range(first_year, last_year + 1)
        package_vi = holidays.country_holidays("VN", years=years, language="vi")
        package_en = holidays.country_holidays("VN", years=years, language="en_US")
        extra_workdays = set(package_vi.weekend_workdays)
        ordinals: list[int] = []
        names: dict[int, dict[str, str]] = {}
        day = dt.date(first_year, 1, 1)
        end = dt.date(last_year, 12, 31)
        one = dt.timedelta(days=1)
        while day <= end:
            override = self.overrides.get(day)
            if override is not None:
                working = override.kind == OverrideKind.WORKDAY
            elif day in package_vi:
                working = False
            else:
                working = day.weekday() < 5 or day in extra_workdays
            if working:
                ordinals.append(day.toordinal())
            elif day.weekday() < 5:
                if override is not None:
                    label = override.note or str(OverrideKind.HOLIDAY.label)
                    names[day.toordinal()] = {"vi": label, "en": label}
                else:
                    names[day.toordinal()] = {"vi": package_vi.get(day, ""), "en": package_en.get(day, "")}
            day += one
        self.first_year, self.last_year = first_year, last_year
        self._ordinals = ordinals
        self._names = names
        self._off = sorted(names)

    def _ensure(self, d: dt.date, ahead_days: int = 0) -> None:
        """Extend the precomputed range (rarely needed) so that it covers d and `ahead_days` working days."""
        need_last = d.year + 1 + ahead_days // 200
        if d.year >= self.first_year and need_last <= self.last_year:
            return
        with self._lock:
            self._build(min(self.first_year, d.year - 1), max(self.last_year, need_last + 5))

    # -- the API ---------------------------------------------------------------------------------------------
    def is_working_day(self, d: dt.date) -> bool:
        self._ensure(d)
        ordinal = d.toordinal()
        i = bisect_left(self._ordinals, ordinal)
        return i < len(self._ordinals) and self._ordinals[i] == ordinal

    def next_working_day(self, d: dt.date) -> dt.date:
        """The first working day strictly after d."""
        return self.add_working_days(d, 1)

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after d (n >= 1)."""
        if n < 1:
            raise ValueError("n must be >= 1")
        self._ensure(d, n)
        i = bisect_right(self._ordinals, d.toordinal()) + n - 1
        return dt.date.fromordinal(self._ordinals[i])

    def days_off_between(self, after: dt.date, until: dt.date) -> list[tuple[dt.date, str]]:
        """Weekdays off (holidays, extra days off) in (after, until], named in the active language."""
        lo = bisect_right(self._off, after.toordinal())
        hi = bisect_right(self._off, until.toordinal())
        if lo == hi:
            return []
        lang = "en" if (translation.get_language() or "vi").startswith("en") else "vi"
        result = []
        for o in self._off[lo:hi]:
            names = self._names[o]
            result.append((dt.date.fromordinal(o), names[lang] or names["vi"]))
        return result

    def holiday_name(self, d: dt.date) -> str:
        lang = "en" if (translation.get_language() or "vi").startswith("en") else "vi"
        names = self._names.get(d.toordinal())
        return (names[lang] or names["vi"]) if names else ""

    def numbered_days(self) -> Iterator[tuple[dt.date, int, bool]]:
        """Every date of the precomputed range with its running working-day number and whether it is one."""
        working = set(self._ordinals)
        number = 0
        first = dt.date(self.first_year, 1, 1).toordinal()
        for ordinal in range(first, dt.date(self.last_year, 12, 31).toordinal() + 1):
            is_working = ordinal in working
            number += is_working
            yield dt.date.fromordinal(ordinal), number, is_working

    def end_of_office(self, d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, self.periods[-1][1], tzinfo=LOCAL_TZ)

    def due(self, start: dt.datetime, value: Decimal, unit: str, cutoff: dt.time | None) -> Due:
        """The due date of a dossier whose clock starts at `start` (see the module docstring)."""
        if not isinstance(value, Decimal):
            value = Decimal(value)
        if value < 0:
            raise ValueError("time limit must be >= 0")
        local = start.astimezone(LOCAL_TZ) if start.tzinfo else start.replace(tzinfo=LOCAL_TZ)
        d = local.date()
        moved = cutoff is not None and local.time() >= cutoff
        if moved:
            d += dt.timedelta(days=1)
        is_days = unit == WORKING_DAYS
        first_counted = None
        if value == 0:
            due_date = d if self.is_working_day(d) else self.next_working_day(d)
            skipped = self.days_off_between(d - _ONE_DAY, due_date)
            due_at: dt.datetime | None = self.end_of_office(due_date)
        elif is_days and value == value.to_integral_value():
            due_date = self.add_working_days(d, int(value))
            skipped = self.days_off_between(d, due_date)
            due_at = self.end_of_office(due_date)
            first_counted = self.next_working_day(d)
        else:
            minutes = int(value * HOURS_PER_DAY * 60) if is_days else int(value * 60)
            begin = dt.datetime.combine(d, dt.time(0, 0), tzinfo=LOCAL_TZ) if moved else local
            due_at = self._add_working_minutes(begin, minutes)
            due_date = due_at.date()
            skipped = self.days_off_between(d - _ONE_DAY, due_date)
        return Due(
            start_date=d,
            due_date=due_date,
            due_at=due_at,
            holidays_skipped=skipped,
            received_at=local,
            cutoff=cutoff if moved else None,
            value=value,
            unit=unit,
            first_counted_day=first_counted,
        )

    def _add_working_minutes(self, moment: dt.datetime, minutes: int) -> dt.datetime:
        """The moment when `minutes` of office time have passed, counting from `moment`."""
        day = moment.date()
        remaining = minutes
        while True:
            if self.is_working_day(day):
                for begin_t, end_t in self.periods:
                    begin = dt.datetime.combine(day, begin_t, tzinfo=LOCAL_TZ)
                    end = dt.datetime.combine(day, end_t, tzinfo=LOCAL_TZ)
                    if moment >= end:
                        continue
                    begin = max(begin, moment)
                    available = int((end - begin).total_seconds() // 60)
                    if remaining <= available:
                        return begin + dt.timedelta(minutes=remaining)
                    remaining -= available
            day = self.next_working_day(day)
            moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=LOCAL_TZ)


_cache: dict[tuple[int, tuple[object, ...]], WorkingCalendar] = {}
_cache_lock = threading.Lock()


def calendar_fingerprint(agency: Agency) -> str:
    """A short text that changes whenever the agency's calendar (overrides, office hours) changes."""
    return repr(_fingerprint(agency))[:255]


def _fingerprint(agency: Agency) -> tuple[object, ...]:
    rows = CalendarOverride.objects.filter(Q(agency=agency) | Q(agency__isnull=True)).aggregate(
        n=Count("id"), last=Max("updated_at"), ids=Sum("id")
    )
    hours = OfficeHours.objects.filter(agency=agency).values_list("id", "updated_at").first()
    return (rows["n"], rows["last"], rows["ids"], hours)


def build_calendar(agency: Agency | None) -> WorkingCalendar:
    """A fresh calendar for the agency (national overrides only when agency is None); not cached."""
    national = {
        o.date: Override(o.date, o.kind, o.note) for o in CalendarOverride.objects.filter(agency__isnull=True)
    }
    if agency is not None:
        for o in CalendarOverride.objects.filter(agency=agency):
            national[o.date] = Override(o.date, o.kind, o.note)
    hours = OfficeHours.objects.filter(agency=agency).first() if agency is not None else None
    return WorkingCalendar(list(national.values()), hours.periods() if hours else None)


def calendar_for(agency: Agency) -> WorkingCalendar:
    """The agency's working calendar (national + agency overrides), cached until the overrides change."""
    key = (agency.pk, _fingerprint(agency))
    calendar = _cache.get(key)
    if calendar is None:
        calendar = build_calendar(agency)
        with _cache_lock:
            for old in [k for k in _cache if k[0] == agency.pk]:
                _cache.pop(old, None)
            _cache[key] = calendar
    return calendar
