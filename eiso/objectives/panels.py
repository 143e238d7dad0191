"""Dashboard cards: the year's objectives with their status, and dossier timeliness year-to-date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core import charts
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.selectors import objective_set_measure


def objectives_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    today = timezone.localdate()
    # this year's set; without one yet, the latest earlier set, measured at its year's end
    objective_set = ObjectiveSet.objects.filter(agency=agency, year__lte=today.year).order_by("-year").first()
    if objective_set is None:
        return {"objective_set": None, "year": today.year}
    as_of = min(today, dt.date(objective_set.year, 12, 31))
    rows = [
        row
        for group in objective_set_measure(objective_set, as_of, with_trend=False)
        for row in group["indicators"]
    ]
    chart = None
    measured = [row for row in rows if row["value"] is not None]
    if measured:
        chart = charts.inline_svg(
            charts.bar_chart(
                [_short(row["name"]) for row in measured],
                {
                    _("Kết quả (%)"): [float(row["value"]) for row in measured],
                    _("Mục tiêu"): [float(row["target"]) for row in measured],
                },
            )
        )
    return {
        "objective_set": objective_set,
        "rows": rows,
        "chart": chart,
        "year": objective_set.year,
        "as_of": as_of,
    }


def _short(name: str, words: int = 4) -> str:
    """A chart's category label: the indicator's first words, so the bars carry names, not numbers."""
    parts = name.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
