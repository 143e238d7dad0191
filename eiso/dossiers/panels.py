"""The dossiers module's dashboard panel: the year's timeliness figures and their chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eiso.core import charts
from eiso.core.access import scoped
from eiso.dossiers.contracts import DossierStats
from eiso.dossiers.models import Dossier
from eiso.dossiers.selectors import dossier_stats, judgement_date


def dossiers_panel(request: HttpRequest) -> dict[str, Any] | None:
    """This year's figures to date (or the latest year with dossiers) for the dashboard."""
    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    today = timezone.localdate()
    dossiers = scoped(Dossier.objects.filter(received_on__lte=today), agency)
    last = dossiers.aggregate(last=Max("received_on"))["last"]
    if last is None:
        return None
    year = last.year
    as_of = judgement_date(
        dt.date(year, 12, 31), today=today
    )  # the year to date: nothing counted after today
    stats = dossier_stats(agency=agency, date_from=dt.date(year, 1, 1), date_to=as_of)
    return {"year": year, "stats": stats, "chart": _timeliness_chart(stats), "as_of": as_of}


def _timeliness_chart(stats: DossierStats) -> str | None:
    if not stats["resolved_total"]:
        return None
    shares = {
        _("Sớm hạn"): stats["resolved_early"],
        _("Đúng hạn"): stats["resolved_on_time"],
        _("Quá hạn"): stats["resolved_late"],
    }
    return charts.inline_svg(charts.donut_chart({str(k): v for k, v in shares.items()}))
