"""The satisfaction card of the agency dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core import charts
from eiso.surveys.selectors import response_list, satisfaction_summary


def satisfaction_panel(request: HttpRequest) -> dict[str, Any] | None:
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    today = timezone.localdate()
    # the current year to date; while it has no responses yet, the last year that has some
    latest = response_list(agency=agency, date_to=today).aggregate(latest=Max("period"))["latest"]
    year = today.year if latest is None or latest.year == today.year else latest.year
    date_to = today if year == today.year else dt.date(year, 12, 31)
    summary = satisfaction_summary(agency=agency, date_from=dt.date(year, 1, 1), date_to=date_to)
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
    return {"summary": summary, "year": year, "chart": chart}
