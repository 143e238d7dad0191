"""Demo dossiers of the Sở TT&TT Khánh Hòa (the reference case, ../shared/seed).

* 2017-01-01 … 2017-07-31: exactly 70 dossiers, every one resolved before its due date by 31/07/2017, so the
  statistics for [01/01/2017, 01/08/2017] read "70/70 hồ sơ giải quyết sớm hạn".
* 2017-08 … 2018-12: a realistic mix: mostly early, some on time, a few late with a reason, one supplement
  that restarted the clock, one late with an apology and a new date, and some still pending at the end.

Deterministic (fixed seed, dates counted on the agency's working calendar), re-runnable (rows found by code).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from eiso.core.demo import DemoContext
from eiso.dossiers import rules
from eiso.dossiers.choices import Channel, DossierStatus, EventKind
from eiso.dossiers.models import Dossier, DossierEvent
from eiso.procedures.choices import TimeLimitUnit
from eiso.procedures.models import Procedure
from eiso.procedures.selectors import procedure_rule_at
from eiso.workdays.calendar import LOCAL_TZ, WorkingCalendar, calendar_for

UNIT_ID = "000.00.20.H34"  # the Sở's identifier code (TT 10/2016/TT-BTTTT), first part of every dossier code
EARLY_2017 = 70
LATE_REASONS = [
    "Chờ ý kiến phối hợp của Sở Xây dựng quá thời hạn.",
    "Cán bộ thụ lý nghỉ ốm, không bố trí kịp người thay thế.",
    "Hồ sơ phải thẩm định thực tế tại cơ sở.",
]
DIVISION_BY_FIELD = {
    "Báo chí": "TTBCXB",
    "Xuất bản - In - Phát hành": "TTBCXB",
    "Phát thanh truyền hình và thông tin điện tử": "TTBCXB",
    "Bưu chính": "BCVT",
    "Viễn thông và Internet": "BCVT",
    "Công nghệ thông tin": "CNTT",
}


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.agency = ctx.agency
        self.calendar: WorkingCalendar = calendar_for(ctx.agency)
        self.rng = random.Random(2017)  # noqa: S311 - demo data, not security
        self.procedures = [
            p
            for p in Procedure.objects.filter(agency=ctx.agency).order_by("code")
            if p.time_limit_unit == TimeLimitUnit.WORKING_DAYS and p.time_limit_value >= 3
        ]
        self.serials: dict[dt.date, int] = {}
        self.officer = ctx.people.get("chuyenvien")

    def working_day(self, start: dt.date, end: dt.date) -> dt.date:
        while True:
            day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
            if self.calendar.is_working_day(day):
                return day

    def moment(self, day: dt.date, hour_from: int = 7, hour_to: int = 15) -> dt.datetime:
        minutes = self.rng.randrange(hour_from * 60 + 30, hour_to * 60 + 30)
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=LOCAL_TZ)

    def code(self, day: dt.date) -> str:
        self.serials[day] = self.serials.get(day, 0) + 1
        return f"{UNIT_ID}-{day:%y%m%d}-{self.serials[day]:04d}"

    def channel(self, year: int) -> str:
        roll = self.rng.random()
        online_share = 0.1 if year == 2017 else 0.3
        if roll < online_share:
            return Channel.ONLINE
        return Channel.POSTAL if roll > 0.9 else Channel.DIRECT

    def dossier(
        self, procedure: Procedure, received_at: dt.datetime, code: str, n: int, **facts: Any
    ) -> Dossier:
        received_day = received_at.date()
        value, unit, cutoff = procedure_rule_at(procedure, received_day)
        division = self.ctx.divisions.get(DIVISION_BY_FIELD.get(procedure.field, "VP"))
        dossier = Dossier.objects.filter(agency=self.agency, code=code).first() or Dossier(
            agency=self.agency, code=code
        )
        values: dict[str, Any] = {
            "procedure": procedure,
            "channel": self.channel(received_day.year),
            "division": division,
            "status": DossierStatus.ACCEPTED,
            "received_at": received_at,
            "time_limit_value": Decimal(value),
            "time_limit_unit": unit,
            "cutoff": cutoff,
            "supplement_requested_at": None,
            "supplement_received_at": None,
            "supplement_count": 0,
            "due_at": None,
            "extended_due_at": None,
            "extension_reason": "",
            "resolved_at": None,
            "returned_at": None,
            "stopped_at": None,
            "applicant_name": f"Tổ chức, công dân {n:03d}",
        }
        values.update(facts)
        for name, value_ in values.items():
            setattr(dossier, name, value_)
        rules.derive(dossier, self.calendar)
        dossier.save()
        self.events(dossier)
        return dossier

    def events(self, dossier: Dossier) -> None:
        """The timeline, rebuilt from the facts (so a re-run leaves the same events)."""
        dossier.events.all().delete()
        items: list[tuple[str, dt.datetime | None, str]] = [
            (EventKind.RECEIVED, dossier.received_at, ""),
            (EventKind.TRANSFERRED, dossier.received_at + dt.timedelta(hours=1), ""),
            (EventKind.SUPPLEMENT_REQUESTED, dossier.supplement_requested_at, "Bổ sung bản sao giấy phép"),
            (EventKind.SUPPLEMENT_RECEIVED, dossier.supplement_received_at, ""),
            (EventKind.EXTENDED, self._extension_sent(dossier), dossier.extension_reason),
            (EventKind.RESOLVED, dossier.resolved_at, ""),
            (EventKind.RETURNED, dossier.returned_at, ""),
        ]
        DossierEvent.objects.bulk_create(
            [
                DossierEvent(dossier=dossier, kind=kind, at=at, actor=self.officer, note=note)
                for kind, at, note in items
                if at is not None
            ]
        )

    def _extension_sent(self, dossier: Dossier) -> dt.datetime | None:
        if dossier.extended_due_at is None:
            return None
        before = dossier.due_date - dt.timedelta(days=2)
        return dt.datetime.combine(before, dt.time(9, 0), tzinfo=LOCAL_TZ)

    def finish_before(self, dossier_due: dt.date, received: dt.date, latest: dt.date) -> dt.date:
        """A working day after receipt and strictly before the due date, not after `latest`."""
        candidates = []
        day = received
        while day < min(dossier_due, latest + dt.timedelta(days=1)):
            if self.calendar.is_working_day(day):
                candidates.append(day)
            day += dt.timedelta(days=1)
        return self.rng.choice(candidates)

    def resolved(
        self, day: dt.date, received_at: dt.datetime, hour_from: int = 8, hour_to: int = 16
    ) -> dict[str, Any]:
        resolved_at = max(self.moment(day, hour_from, hour_to), received_at + dt.timedelta(hours=2))
        returned = self.calendar.next_working_day(day)
        return {
            "status": DossierStatus.RETURNED,
            "resolved_at": resolved_at,
            "returned_at": self.moment(returned, 8, 16),
        }


@transaction.atomic
def load(ctx: DemoContext) -> None:
    b = _Builder(ctx)
    if not b.procedures:
        return
    n = 0
    # -- 70 dossiers of 01/01–31/07/2017, every one resolved early by 31/07/2017 --------------------------
    for _i in range(EARLY_2017):
        n += 1
        procedure = b.rng.choice(b.procedures)
        day = b.working_day(dt.date(2017, 1, 3), dt.date(2017, 7, 14))
        received_at = b.moment(day)
        due = b.calendar.due(
            received_at, procedure.time_limit_value, procedure.time_limit_unit, None
        ).due_date
        finished = b.finish_before(due, day, dt.date(2017, 7, 31))
        b.dossier(procedure, received_at, code=b.code(day), n=n, **b.resolved(finished, received_at))
    # -- 08/2017–12/2018: a realistic mix --------------------------------------------------------------------
    for month_start in _months(dt.date(2017, 8, 1), dt.date(2018, 12, 1)):
        month_end = _month_end(month_start)
        for _i in range(b.rng.randint(8, 14)):
            n += 1
            procedure = b.rng.choice(b.procedures)
            day = b.working_day(month_start, month_end)
            received_at = b.moment(day)
            due_date = b.calendar.due(
                received_at, procedure.time_limit_value, procedure.time_limit_unit, None
            ).due_date
            roll = b.rng.random()
            facts: dict[str, Any]
            if month_start >= dt.date(2018, 12, 1) and roll < 0.5:
                facts = {"status": DossierStatus.PROCESSING}  # still pending at the end of the demo
            elif roll < 0.8:
                facts = b.resolved(b.finish_before(due_date, day, dt.date(2100, 1, 1)), received_at)
            elif roll < 0.95:
                facts = b.resolved(due_date, received_at, 9, 16)
            else:
                late = b.calendar.add_working_days(due_date, b.rng.randint(1, 3))
                facts = b.resolved(late, received_at) | {"_late_reason": b.rng.choice(LATE_REASONS)}
            reason = facts.pop("_late_reason", "")
            dossier = b.dossier(procedure, received_at, code=b.code(day), n=n, **facts)
            if reason and dossier.resolved_at:
                DossierEvent.objects.create(
                    dossier=dossier,
                    kind=EventKind.RESOLVED,
                    at=dossier.resolved_at,
                    note=reason,
                    actor=b.officer,
                )
                dossier.events.filter(kind=EventKind.RESOLVED, note="").delete()
    _special_cases(b, n)


def _special_cases(b: _Builder, n: int) -> None:
    """One supplement that restarted the clock, one late with apology, one withdrawn."""
    procedure = b.procedures[0]
    day = dt.date(2018, 3, 5)
    received_at = dt.datetime.combine(day, dt.time(9, 15), tzinfo=LOCAL_TZ)
    requested = received_at + dt.timedelta(days=2)
    supplied = dt.datetime.combine(dt.date(2018, 3, 14), dt.time(10, 0), tzinfo=LOCAL_TZ)
    restarted = b.calendar.due(supplied, procedure.time_limit_value, procedure.time_limit_unit, None).due_date
    b.dossier(
        procedure,
        received_at,
        code=f"{UNIT_ID}-{day:%y%m%d}-0901",
        n=n + 1,
        supplement_requested_at=requested,
        supplement_received_at=supplied,
        supplement_count=1,
        **b.resolved(b.finish_before(restarted, supplied.date(), restarted), supplied),
    )
    day = dt.date(2018, 6, 11)
    received_at = dt.datetime.combine(day, dt.time(8, 40), tzinfo=LOCAL_TZ)
    due = b.calendar.due(received_at, procedure.time_limit_value, procedure.time_limit_unit, None).due_date
    new_date = b.calendar.add_working_days(due, 3)
    b.dossier(
        procedure,
        received_at,
        code=f"{UNIT_ID}-{day:%y%m%d}-0902",
        n=n + 2,
        extended_due_at=dt.datetime.combine(new_date, dt.time(17, 0), tzinfo=LOCAL_TZ),
        extension_reason="Chờ kết quả thẩm định thực tế của đoàn liên ngành.",
        **b.resolved(b.calendar.add_working_days(due, 2), received_at),
    )
    day = dt.date(2018, 9, 17)
    received_at = dt.datetime.combine(day, dt.time(14, 5), tzinfo=LOCAL_TZ)
    b.dossier(
        procedure,
        received_at,
        code=f"{UNIT_ID}-{day:%y%m%d}-0903",
        n=n + 3,
        status=DossierStatus.STOPPED,
        stopped_at=received_at + dt.timedelta(days=3),
    )


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    day = first
    while day <= last:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _month_end(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1) - dt.timedelta(days=1)
