"""The satisfaction card of the agency dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core import charts
from eiso.surveys.selectors import satisfaction_summary


def satisfaction_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    today = timezone.localdate()
    summary = satisfaction_summary(agency=agency, date_from=dt.date(today.year, 1, 1), date_to=today)
    chart = None
    if summary["valid"]:
        chart = charts.inline_svg(
            charts.donut_chart(
                {
                    _("Hài lòng"): summary["satisfied"],
                    _("Chưa hài lòng"): summary["valid"] - summary["satisfied"],
                }
            )
        )
    return {"summary": summary, "year": today.year, "chart": chart}
