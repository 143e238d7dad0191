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
import functools
from typing import Any, cast, overload

from django.db import connection
from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Value, When
from django.utils import timezone

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.dossiers.choices import NOT_STARTED, Channel, Timeliness
from eiso.dossiers.contracts import DossierStats, DossierStatsRow, PublicDossier
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


FIGURES = [*STAT_KEYS, *EXTRA_KEYS]


def _cells_raw(agency: Agency, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
    """The figures per (procedure, division), from the dossier rows: one aggregate (the SQLite path)."""
    counts = {
        key: Count("id", filter=condition) if condition else Count("id")
        for key, condition in stat_conditions(date_from, date_to).items()
    }
    rows = _period_base(agency, date_from, date_to).values(*NAMES).annotate(**counts)
    cells = [dict(row) for row in rows.order_by()]
    # The ranks follow the database's own ORDER BY (SQLite: binary collation, NULL first).
    ranks = {
        "rank_procedure": lambda c: (c["procedure__code"], c["procedure__name"], c["procedure__field"]),
        "rank_field": lambda c: c["procedure__field"],
        "rank_division": lambda c: (c["division__name"] is not None, c["division__name"] or ""),
    }
    for name, key in ranks.items():
        order = sorted({key(c) for c in cells})
        for cell in cells:
            cell[name] = order.index(key(cell))
    return cells


NAMES = [
    "procedure_id",
    "division_id",
    "procedure__code",
    "procedure__name",
    "procedure__field",
    "division__name",
]
_SUMMARY_SQL = """
WITH cells AS (
SELECT procedure_id, division_key,
  coalesce(sum(received_online) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(received_other) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(received_online + received_other - resolved_early - resolved_on_time - resolved_late)
           FILTER (WHERE day < %(f)s), 0),
  coalesce(sum(resolved_early) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(resolved_on_time) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(resolved_late) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(resolved_late_with_apology) FILTER (WHERE day >= %(f)s), 0),
  coalesce(sum(due - due_met) FILTER (WHERE day < %(a)s), 0),
  coalesce(sum(finished_after_due) FILTER (WHERE day <= %(a)s), 0)
FROM dossiers_dossierdayfigures WHERE agency_id = %(agency)s AND day <= %(t)s
GROUP BY procedure_id, division_key)
SELECT cells.*, p.code, p.name, p.field, d.name,
  dense_rank() OVER (ORDER BY p.code, p.name, p.field),
  dense_rank() OVER (ORDER BY p.field),
  dense_rank() OVER (ORDER BY d.name)
FROM cells JOIN procedures_procedure p ON p.id = cells.procedure_id
LEFT JOIN core_division d ON d.id = cells.division_key
"""


def _cells_summary(agency: Agency, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
    """The same figures from the per-day table (PostgreSQL): thousands of rows for a year, not millions.

    With R, F = received, finished by a day and D = due before the judgement date A: carried over =
    R(from-1) - F(from-1); pending overdue = D - (due and met by then) - (finished late by A) - (finished
    late after A but by the end: only when the period has not ended and a finish lies in the future).
    Exact because a dossier is never finished nor due before it is received (the import and the services
    refuse such times); tests/test_day_figures.py checks it against `_cells_raw` on random histories.
    """
    as_of = judgement_date(date_to)
    params: dict[str, Any] = {"agency": agency.pk, "f": date_from, "t": date_to, "a": as_of}
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_SQL, params)
        fetched = cursor.fetchall()
    late_after: dict[tuple[int, int], int] = {}
    if as_of < date_to:
        rows = (
            scoped(Dossier.objects.all(), agency)
            .exclude(status__in=NOT_STARTED)
            .filter(finished_on__gt=as_of, finished_on__lte=date_to, due_date__lt=as_of)
            .filter(finished_on__gt=F("due_date"))
            .values("procedure_id", "division_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        late_after = {(r["procedure_id"], r["division_id"] or 0): r["n"] for r in rows}
    cells = []
    for row in fetched:
        procedure_id, division_key, online, direct, carried, early, on_time, late, apology = row[:9]
        due, after = row[9:11]
        code, name, field, division_name, rank_procedure, rank_field, rank_division = row[11:]
        received = online + direct + carried
        if received <= 0:
            continue
        resolved = early + on_time + late
        overdue = due - after - late_after.get((procedure_id, division_key), 0)
        cells.append(
            {
                "procedure_id": procedure_id,
                "division_id": division_key or None,
                "procedure__code": code,
                "procedure__name": name,
                "procedure__field": field,
                "division__name": division_name,
                "rank_procedure": rank_procedure,
                "rank_field": rank_field,
                "rank_division": rank_division,
                "received_online": online,
                "received_direct": direct,
                "carried_over": carried,
                "received_total": received,
                "resolved_early": early,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": resolved,
                "pending_in_time": received - resolved - overdue,
                "pending_overdue": overdue,
                "pending_total": received - resolved,
                "resolved_late_with_apology": apology,
            }
        )
    return cells


def dossier_stat_cells(
    *, agency: Agency, date_from: dt.date, date_to: dt.date, source: str | None = None
) -> list[dict[str, Any]]:
    """Biểu II.06a per (procedure, division) for the period: the one pass every breakdown sums up.

    `source`: "summary" (the per-day table, PostgreSQL only) or "raw" (the dossier rows); by default the
    summary on PostgreSQL, the rows elsewhere."""
    if source is None:
        source = "summary" if connection.vendor == "postgresql" else "raw"
    if source == "summary":
        return _cells_summary(agency, date_from, date_to)
    return _cells_raw(agency, date_from, date_to)


def _sum(cells: list[dict[str, Any]]) -> DossierStatsRow:
    return _with_rate({key: sum(cell[key] for cell in cells) for key in FIGURES})


def _groups(cells: list[dict[str, Any]], key: str, rank: str) -> list[list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for cell in cells:
        grouped.setdefault(cell[key], []).append(cell)
    return sorted(grouped.values(), key=lambda group: group[0][rank])


def stat_breakdowns(
    cells: list[dict[str, Any]], groups: tuple[str, ...] = ("procedure", "field", "division")
) -> dict[str, Any]:
    """The agency total and each requested breakdown, summed from `dossier_stat_cells` (no query)."""
    result: dict[str, Any] = {"total": _sum(cells)}
    for group in groups:
        columns = GROUPS[group]
        result[group] = [
            {**{c: found[0][c] for c in columns}, **_sum(found)}
            for found in _groups(cells, columns[0], f"rank_{group}")
        ]
    return result


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
    """Biểu II.06a for [date_from, date_to], for the agency or grouped by "procedure", "field" or
    "division" (a list of rows with the group's columns). A page that needs several breakdowns calls
    `dossier_stat_cells` once and `stat_breakdowns` on it."""
    if group_by is not None and group_by not in GROUPS:
        raise KeyError(group_by)
    cells = dossier_stat_cells(agency=agency, date_from=date_from, date_to=date_to)
    if group_by is None:
        total: DossierStats = stat_breakdowns(cells, ())["total"]
        return total
    rows: list[DossierStatsRow] = stat_breakdowns(cells, (group_by,))[group_by]
    return rows


def stat_default_period(*, agency: Agency) -> tuple[dt.date, dt.date]:
    """The calendar year of the agency's latest received dossier (this year when it has none)."""
    last = scoped(Dossier.objects.all(), agency).aggregate(last=Max("received_on"))["last"]
    year = (last or timezone.localdate()).year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def ii06a_figures(*, agency: Agency, date_from: dt.date, date_to: dt.date) -> dict[str, Any]:
    """Biểu II.06a as the statistics page and its XLSX and PDF show it, from one pass over the data:
    the agency total, the rows by field, by procedure and by division, and the date at which the
    pending dossiers are judged."""
    cells = dossier_stat_cells(agency=agency, date_from=date_from, date_to=date_to)
    figures = stat_breakdowns(cells)
    figures["as_of"] = judgement_date(date_to)
    return figures


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


def dossier_public(*, code: str) -> PublicDossier | None:
    """Exact code match only, across agencies (codes carry the unit's identifier), for the public lookup.

    The busiest public page: one fixed statement on the unique (agency, code) index, without the ORM's
    query building, which cost more than the query itself; only the columns the page prints."""
    code = code.strip()
    if not code:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_public_sql(), [code])
        row = cursor.fetchone()
    if row is None:
        return None
    code, status, received_at, due_date, extended_due_at, finished_at, *names = row
    moments = (_aware(received_at), due_date, _aware(extended_due_at), _aware(finished_at))
    return PublicDossier(code, status, *moments, *names)  # type: ignore[arg-type]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands a raw cursor naive UTC date-times (the ORM would make them aware)."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, dt.UTC)


@functools.cache
def _public_sql() -> str:
    dossiers = Dossier.objects.select_related("procedure", "agency").order_by("pk")
    query = dossiers.values_list(*PUBLIC_FIELDS).filter(code="").query
    sql, _params = query.sql_with_params()
    return f"{sql} LIMIT 1"


PUBLIC_FIELDS = (
    "code",
    "status",
    "received_at",
    "due_date",
    "extended_due_at",
    "finished_at",
    "agency__name",
    "agency__code",
    "procedure__name",
)
