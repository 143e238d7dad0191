"""Reads of the dossiers area. Every figure is one SQL aggregate over the stored derived columns.

The period rules (issue 3 §4): for [from, to] a dossier counts if it was accepted (not status 1 or 3),
received on or before `to` and not finished before `from`. It is received in the period (online, or direct
and postal) if received on or after `from`, else carried over; resolved early / on time / late if finished
inside the period; otherwise pending, in time or overdue against its final due date, judged at
`judgement_date(to)` = min(to, today): a period that has not ended yet judges its pending dossiers today,
never at a future date (issue 12 §1). The dashboard, the II.06a page, its drill-down, the objectives and the
review inputs all read their figures here, so they share that one rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast, overload

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.dossiers.choices import NOT_STARTED, Channel, Timeliness
from eiso.dossiers.contracts import DossierStats, DossierStatsRow
from eiso.dossiers.models import Dossier

STAT_KEYS = [
    "received_online",
    "received_direct",
    "carried_over",
    "received_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_total",
    "pending_in_time",
    "pending_overdue",
    "pending_total",
]
EXTRA_KEYS = ["resolved_late_with_apology"]
GROUPS = {
    "procedure": ["procedure_id", "procedure__code", "procedure__name", "procedure__field"],
    "field": ["procedure__field"],
    "division": ["division_id", "division__name"],
}


def judgement_date(date_to: dt.date, *, today: dt.date | None = None) -> dt.date:
    """The date at which the pending dossiers of a period ending on `date_to` are judged: min(end, today)."""
    return min(date_to, today or timezone.localdate())


def timeliness_expression(as_of: dt.date) -> Case:
    """The SQL twin of rules.timeliness_of: the dossier's class as of `as_of`."""
    finished = Q(finished_on__isnull=False, finished_on__lte=as_of)
    return Case(
        When(status__in=NOT_STARTED, then=Value(Timeliness.NOT_STARTED)),
        When(finished & Q(supplement_count__gt=1), then=Value(Timeliness.LATE)),
        When(finished & Q(finished_on__lt=F("due_date")), then=Value(Timeliness.EARLY)),
        When(finished & Q(finished_on=F("due_date")), then=Value(Timeliness.ON_TIME)),
        When(finished, then=Value(Timeliness.LATE)),
        When(due_date__gte=as_of, then=Value(Timeliness.PENDING_IN_TIME)),
        default=Value(Timeliness.PENDING_OVERDUE),
        output_field=CharField(),
    )


def _period_base(agency: Agency, date_from: dt.date, date_to: dt.date) -> QuerySet[Dossier]:
    return (
        scoped(Dossier.objects.all(), agency)
        .filter(received_on__lte=date_to)
        .exclude(status__in=NOT_STARTED)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=date_from))
    )


def stat_conditions(date_from: dt.date, date_to: dt.date) -> dict[str, Q]:
    """Each figure of Biểu II.06a as a condition over the period's dossiers (see the module docstring)."""
    as_of = judgement_date(date_to)
    in_period = Q(received_on__gte=date_from)
    finished = Q(finished_on__isnull=False, finished_on__lte=date_to)
    pending = Q(finished_on__isnull=True) | Q(finished_on__gt=date_to)
    not_penalised = Q(supplement_count__lte=1)
    late = finished & (Q(supplement_count__gt=1) | Q(finished_on__gt=F("due_date")))
    return {
        "received_online": in_period & Q(channel=Channel.ONLINE),
        "received_direct": in_period & ~Q(channel=Channel.ONLINE),
        "carried_over": Q(received_on__lt=date_from),
        "received_total": Q(),
        "resolved_early": finished & not_penalised & Q(finished_on__lt=F("due_date")),
        "resolved_on_time": finished & not_penalised & Q(finished_on=F("due_date")),
        "resolved_late": late,
        "resolved_total": finished,
        "pending_in_time": pending & Q(due_date__gte=as_of),
        "pending_overdue": pending & Q(due_date__lt=as_of),
        "pending_total": pending,
        "resolved_late_with_apology": late & Q(extended_due_at__isnull=False),
    }


def _with_rate(row: dict[str, Any]) -> DossierStatsRow:
    resolved = row["resolved_total"]
    good = row["resolved_early"] + row["resolved_on_time"]
    row["on_time_rate"] = round(good / resolved, 4) if resolved else None
    return cast(DossierStatsRow, row)


@overload
def dossier_stats(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, group_by: None = None
) -> DossierStats: ...


@overload
def dossier_stats(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, group_by: str
) -> list[DossierStatsRow]: ...


def dossier_stats(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, group_by: str | None = None
) -> DossierStats | list[DossierStatsRow]:
    """Biểu II.06a for [date_from, date_to]: one SQL aggregate, for the agency or grouped by
    "procedure", "field" or "division" (a list of rows with the group's columns)."""
    conditions = stat_conditions(date_from, date_to)
    counts = {
        key: Count("id", filter=condition) if condition else Count("id")
        for key, condition in conditions.items()
    }
    base = _period_base(agency, date_from, date_to)
    if group_by is None:
        return _with_rate(dict(base.aggregate(**counts)))
    columns = GROUPS[group_by]
    rows = base.values(*columns).annotate(**counts).order_by(*columns[1:] or columns)
    return [_with_rate(dict(row)) for row in rows]


def dossier_list_for_stat(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, bucket: str
) -> QuerySet[Dossier]:
    """The dossiers behind one figure of dossier_stats (bucket = one of its keys)."""
    condition = stat_conditions(date_from, date_to)[bucket]
    return (
        _period_base(agency, date_from, date_to)
        .filter(condition)
        .select_related("procedure", "division")
        .annotate(timeliness=timeliness_expression(judgement_date(date_to)))
        .order_by("received_at", "code")
    )


def late_dossiers(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> QuerySet[Dossier]:
    """Dossiers resolved late in the period, or still pending and overdue at its end."""
    conditions = stat_conditions(date_from, date_to)
    return (
        _period_base(agency, date_from, date_to)
        .filter(conditions["resolved_late"] | conditions["pending_overdue"])
        .select_related("procedure", "division")
        .annotate(timeliness=timeliness_expression(judgement_date(date_to)))
        .order_by("received_at", "code")
    )


def dossier_list(
    *,
    agency: Agency,
    as_of: dt.date,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    procedure_id: int | None = None,
    division_id: int | None = None,
    timeliness: str = "",
    search: str = "",
) -> QuerySet[Dossier]:
    """Dossiers received in [date_from, date_to], filtered, each annotated with its timeliness as of as_of."""
    queryset = scoped(Dossier.objects.all(), agency).select_related("procedure", "division")
    if date_from:
        queryset = queryset.filter(received_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(received_on__lte=date_to)
    if procedure_id:
        queryset = queryset.filter(procedure_id=procedure_id)
    if division_id:
        queryset = queryset.filter(division_id=division_id)
    if search:
        queryset = queryset.filter(code__icontains=search)
    queryset = queryset.annotate(timeliness=timeliness_expression(as_of))
    if timeliness:
        queryset = queryset.filter(timeliness=timeliness)
    return queryset.order_by("-received_at", "code")


def dossier_detail_queryset(*, agency: Agency) -> QuerySet[Dossier]:
    return (
        scoped(Dossier.objects.all(), agency)
        .select_related("procedure", "division")
        .prefetch_related("events__actor")
    )


def dossier_public(*, code: str) -> Dossier | None:
    """Exact code match only, across agencies (codes carry the unit's identifier), for the public lookup."""
    code = code.strip()
    if not code:
        return None
    return Dossier.objects.select_related("procedure", "agency").filter(code=code).order_by("pk").first()
