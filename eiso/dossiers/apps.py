from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "eiso.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self) -> None:
        from eiso.core.registry import DashboardPanel, NavItem, register_nav, register_panel
        from eiso.dossiers.panels import dossiers_panel

        register_nav(NavItem("dossiers:list", _("Hồ sơ TTHC"), icon="folder2-open", order=30))
        register_nav(NavItem("dossiers:statistics", _("Thống kê hồ sơ"), icon="bar-chart", order=31))
        register_panel(DashboardPanel(template="dossiers/_panel.html", context=dossiers_panel, order=30))
        from eiso.core.registry import register_reminder_rule
        from eiso.dossiers.reminders import dossiers_due_soon

        register_reminder_rule(dossiers_due_soon)
