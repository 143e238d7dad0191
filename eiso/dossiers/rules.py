"""The timeliness rules of issue 3 §4, in one place (the contract import, export, stats and reports share).

* finished_at (statuses 7–10 only): `resolved_at`, else `returned_at`, else `stopped_at`.
* A finished dossier is classified by calendar date: finished date < due date → early, = → on time,
  > → late; more than one supplement request → late (QĐ 766).
* An unfinished dossier as of A: pending in time if A ≤ due date, else overdue (the final due date).
* Statuses 1 and 3 never started a clock: no timeliness.

`eiso.dossiers.selectors` holds the same rules as SQL expressions; the tests check they agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from eiso.dossiers.choices import FINISHED, NOT_STARTED, Timeliness
from eiso.workdays.calendar import LOCAL_TZ, Due, WorkingCalendar

if TYPE_CHECKING:
    from eiso.dossiers.models import Dossier


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TZ).date()


def finished_at_for(
    status: int,
    resolved_at: dt.datetime | None,
    returned_at: dt.datetime | None,
    stopped_at: dt.datetime | None,
) -> dt.datetime | None:
    if status not in FINISHED:
        return None
    return resolved_at or returned_at or stopped_at


def classify_finished(finished_on: dt.date, due_date: dt.date, supplement_count: int = 0) -> str:
    if supplement_count > 1 or finished_on > due_date:
        return Timeliness.LATE
    return Timeliness.EARLY if finished_on < due_date else Timeliness.ON_TIME


def classify_pending(as_of: dt.date, due_date: dt.date) -> str:
    return Timeliness.PENDING_IN_TIME if as_of <= due_date else Timeliness.PENDING_OVERDUE


def timeliness_of(dossier: Dossier, as_of: dt.date) -> str:
    """The dossier's class as of `as_of` (finished after `as_of` counts as still pending then)."""
    if dossier.status in NOT_STARTED:
        return Timeliness.NOT_STARTED
    if dossier.finished_on is not None and dossier.finished_on <= as_of:
        return classify_finished(dossier.finished_on, dossier.due_date, dossier.supplement_count)
    return classify_pending(as_of, dossier.due_date)


def clock_start(dossier: Dossier) -> dt.datetime:
    """The clock restarts from zero when a requested supplement is complete (NĐ 61/2018 Art. 19 cl. 4)."""
    return dossier.supplement_received_at or dossier.received_at


def due_for(dossier: Dossier, calendar: WorkingCalendar) -> Due:
    return calendar.due(
        clock_start(dossier), Decimal(dossier.time_limit_value), dossier.time_limit_unit, dossier.cutoff
    )


def derive(dossier: Dossier, calendar: WorkingCalendar) -> None:
    """Fill the stored derived columns of a dossier from its facts (no database access)."""
    dossier.received_on = local_date(dossier.received_at)
    dossier.computed_due_date = due_for(dossier, calendar).due_date
    dossier.due_date = local_date(dossier.due_at) if dossier.due_at else dossier.computed_due_date
    dossier.finished_at = finished_at_for(
        dossier.status, dossier.resolved_at, dossier.returned_at, dossier.stopped_at
    )
    dossier.finished_on = local_date(dossier.finished_at) if dossier.finished_at else None


DERIVED_FIELDS = ["received_on", "computed_due_date", "due_date", "finished_at", "finished_on"]
