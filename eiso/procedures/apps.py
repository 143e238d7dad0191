from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class ProceduresConfig(AppConfig):
    name = "eiso.procedures"
    label = "procedures"
    verbose_name = _("Thủ tục hành chính")

    def ready(self) -> None:
        from eiso.core.registry import DashboardPanel, NavItem, register_nav, register_panel
        from eiso.procedures.panels import publication_panel

        register_nav(NavItem("procedures:list", _("Thủ tục hành chính"), icon="list-check", order=20))
        register_nav(NavItem("procedures:processes", _("Quy trình nội bộ"), icon="diagram-2", order=21))
        register_panel(
            DashboardPanel(template="procedures/_panel_publication.html", context=publication_panel, order=20)
        )
