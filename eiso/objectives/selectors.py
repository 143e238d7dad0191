"""Reads of the objectives area: the sets, and every indicator measured from records for an as-of date.

Measurement rules: value = numerator / denominator × 100 over [1 January, as-of]; a denominator of 0 means
"no data" (never 0% or 100%). Status: met when the value satisfies the target; at risk when it misses the
target by at most 5 points, or when it meets it year-to-date but the latest period with data misses it and
is lower than the period before (a falling trend); not met otherwise; no data without a denominator.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from eiso.core.access import scoped
from eiso.core.models import Agency
from eiso.objectives.choices import Comparison, Frequency, Status
from eiso.objectives.contracts import IndicatorSnapshot
from eiso.objectives.models import Indicator, ManualValue, Objective, ObjectiveSet
from eiso.objectives.sources import Measurement, get_source

AT_RISK_POINTS = Decimal(5)
MONTHS_PER_PERIOD: dict[str, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


def objective_set_list(*, agency: Agency) -> QuerySet[ObjectiveSet]:
    return (
        scoped(ObjectiveSet.objects.all(), agency)
        .annotate(
            objective_count=Count("objectives", distinct=True),
            indicator_count=Count("objectives__indicators"),
        )
        .order_by("-year")
    )


def objective_set_detail_queryset(*, agency: Agency) -> QuerySet[ObjectiveSet]:
    indicators = Indicator.objects.select_related(
        "owner_division", "owner_person", "scope_division", "scope_procedure"
    )
    return scoped(ObjectiveSet.objects.all(), agency).prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.prefetch_related(Prefetch("indicators", queryset=indicators)),
        )
    )


def indicator_detail_queryset(*, agency: Agency) -> QuerySet[Indicator]:
    return scoped(
        Indicator.objects.select_related(
            "objective__objective_set__agency", "scope_division", "scope_procedure"
        ),
        agency,
    ).prefetch_related(Prefetch("manual_values", queryset=ManualValue.objects.select_related("entered_by")))


def periods(year: int, frequency: str, as_of: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The year's periods that have started by as_of: (label, start, end clipped to as_of)."""
    months = MONTHS_PER_PERIOD.get(frequency, 3)
    result = []
    for index, first_month in enumerate(range(1, 13, months)):
        start = dt.date(year, first_month, 1)
        if start > as_of:
            break
        end_month = first_month + months
        end = (dt.date(year + 1, 1, 1) if end_month > 12 else dt.date(year, end_month, 1)) - dt.timedelta(
            days=1
        )
        if months == 1:
            label = f"{first_month:02d}/{year}"
        elif months == 3:
            label = f"Q{index + 1}/{year}"
        elif months == 6:
            label = f"H{index + 1}/{year}"
        else:
            label = str(year)
        result.append((label, start, min(end, as_of)))
    return result


def _percent(measurement: Measurement) -> Decimal:
    if measurement.value is not None:
        return Decimal(measurement.value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    ratio = Decimal(measurement.numerator) * 100 / Decimal(measurement.denominator)
    return ratio.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _meets(value: Decimal, comparison: str, target: Decimal) -> bool:
    if comparison == Comparison.LTE:
        return value <= target
    if comparison == Comparison.EQ:
        return value == target
    return value >= target


def _gap(value: Decimal, comparison: str, target: Decimal) -> Decimal:
    if comparison == Comparison.LTE:
        return value - target
    if comparison == Comparison.EQ:
        return abs(value - target)
    return target - value


def _number(value: Decimal | int) -> str:
    number = Decimal(value)
    return f"{number.normalize():f}" if number != number.to_integral() else str(int(number))


def _measure(indicator: Indicator, date_from: dt.date, date_to: dt.date) -> Measurement | None:
    source = get_source(indicator.source)
    if source is None or date_to < date_from:
        return None
    measurement = source.fn(indicator, date_from, date_to)
    if measurement is None or not measurement.denominator:
        return None
    return measurement


def status_of(
    value: Decimal | None, comparison: str, target: Decimal, trend: list[dict[str, Any]] | None = None
) -> str:
    if value is None:
        return Status.NO_DATA
    if _meets(value, comparison, target):
        with_data = [p["value"] for p in trend or [] if p["value"] is not None]
        if (
            len(with_data) >= 2
            and with_data[-1] < with_data[-2]
            and not _meets(with_data[-1], comparison, target)
        ):
            return Status.AT_RISK
        return Status.MET
    return Status.AT_RISK if _gap(value, comparison, target) <= AT_RISK_POINTS else Status.NOT_MET


def indicator_measure(indicator: Indicator, as_of: dt.date, *, with_trend: bool = True) -> dict[str, Any]:
    """The indicator as of a date: year-to-date value, numerator/denominator, status, trend and link."""
    year = indicator.objective.objective_set.year
    date_from = dt.date(year, 1, 1)
    date_to = min(as_of, dt.date(year, 12, 31))
    measurement = _measure(indicator, date_from, date_to)
    value = _percent(measurement) if measurement else None
    trend = []
    if with_trend:
        for label, start, end in periods(year, indicator.frequency, date_to):
            period_measurement = _measure(indicator, start, end)
            trend.append(
                {
                    "label": label,
                    "date_from": start,
                    "date_to": end,
                    "value": _percent(period_measurement) if period_measurement else None,
                    "numerator": period_measurement.numerator if period_measurement else None,
                    "denominator": period_measurement.denominator if period_measurement else None,
                }
            )
    source = get_source(indicator.source)
    link = (
        source.link(indicator, date_from, date_to)
        if source and source.link and date_to >= date_from
        else None
    )
    display = ""
    if measurement is not None:
        if measurement.value is not None:
            display = f"{_number(measurement.value)}{indicator.unit}"
        else:
            display = f"{_number(measurement.numerator)}/{_number(measurement.denominator)}"
    return {
        "indicator": indicator,
        "id": indicator.pk,
        "name": indicator.name,
        "objective": indicator.objective.text,
        "source": indicator.source,
        "source_label": str(source.label) if source else _("Nguồn không còn tồn tại"),
        "comparison": indicator.comparison,
        "target": indicator.target_value,
        "target_display": indicator.target_display,
        "unit": indicator.unit,
        "value": value,
        "numerator": measurement.numerator if measurement else None,
        "denominator": measurement.denominator if measurement else None,
        "display": display,
        "extra": measurement.extra if measurement else {},
        "status": status_of(value, indicator.comparison, indicator.target_value, trend),
        "trend": trend,
        "link": link,
        "date_from": date_from,
        "date_to": date_to,
    }


def objective_set_measure(
    objective_set: ObjectiveSet, as_of: dt.date, *, with_trend: bool = True
) -> list[dict[str, Any]]:
    """Objectives of the set, each with its measured indicators."""
    result = []
    for objective in objective_set.objectives.prefetch_related("indicators").order_by("order", "id"):
        indicators = [indicator_measure(i, as_of, with_trend=with_trend) for i in objective.indicators.all()]
        result.append({"objective": objective, "indicators": indicators})
    return result


def _plain(row: dict[str, Any]) -> IndicatorSnapshot:
    """A measured indicator without model instances: JSON-friendly (frozen by reviews and reports)."""

    def number(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value

    return {
        "indicator_id": row["id"],
        "objective": row["objective"],
        "name": row["name"],
        "source": row["source"],
        "target": row["target_display"],
        "target_value": number(row["target"]),
        "comparison": row["comparison"],
        "unit": row["unit"],
        "value": number(row["value"]),
        "numerator": number(row["numerator"]),
        "denominator": number(row["denominator"]),
        "display": row["display"],
        "extra": {k: number(v) for k, v in row["extra"].items()},
        "status": str(row["status"]),
        "trend": [
            {
                "label": p["label"],
                "value": number(p["value"]),
                "numerator": number(p["numerator"]),
                "denominator": number(p["denominator"]),
            }
            for p in row["trend"]
        ],
        "link": row["link"],
    }


def objectives_snapshot(*, objective_set: ObjectiveSet, as_of: dt.date) -> list[IndicatorSnapshot]:
    """Every indicator of the set measured as of a date, as plain dicts (what a review freezes)."""
    return [
        _plain(row) for group in objective_set_measure(objective_set, as_of) for row in group["indicators"]
    ]
