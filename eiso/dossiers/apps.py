from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _panel(request: Any) -> dict[str, Any] | None:
    """This year's figures (or the latest year with dossiers) for the dashboard."""
    import datetime as dt

    from django.db.models import Max

    from eiso.core.access import scoped
    from eiso.dossiers.models import Dossier
    from eiso.dossiers.selectors import dossier_stats, judgement_date

    agency = getattr(request, "agency", None)
    if agency is None:
        return None
    last = scoped(Dossier.objects.all(), agency).aggregate(last=Max("received_on"))["last"]
    if last is None:
        return None
    year = last.year
    end = dt.date(year, 12, 31)
    stats = dossier_stats(agency=agency, date_from=dt.date(year, 1, 1), date_to=end)
    return {"year": year, "stats": stats, "chart": _timeliness_chart(stats), "as_of": judgement_date(end)}


def _timeliness_chart(stats: dict[str, Any]) -> str | None:
    from eiso.core import charts

    if not stats["resolved_total"]:
        return None
    shares = {
        _("Sớm hạn"): stats["resolved_early"],
        _("Đúng hạn"): stats["resolved_on_time"],
        _("Quá hạn"): stats["resolved_late"],
    }
    return charts.inline_svg(charts.donut_chart({str(k): v for k, v in shares.items()}))


class DossiersConfig(AppConfig):
    name = "eiso.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self) -> None:
        from eiso.core.registry import DashboardPanel, NavItem, register_nav, register_panel

        register_nav(NavItem("dossiers:list", _("Hồ sơ TTHC"), icon="folder2-open", order=30))
        register_nav(NavItem("dossiers:statistics", _("Thống kê hồ sơ"), icon="bar-chart", order=31))
        register_panel(DashboardPanel(template="dossiers/_panel.html", context=_panel, order=30))
        from eiso.core.registry import register_reminder_rule
        from eiso.dossiers.reminders import dossiers_due_soon

        register_reminder_rule(dossiers_due_soon)
