from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "eiso.objectives"
    label = "objectives"
    verbose_name = _("Mục tiêu chất lượng")

    def ready(self) -> None:
        from eiso.core import immutability
        from eiso.objectives.freezes import FREEZES

        immutability.register(*FREEZES)
        from eiso.core.registry import DashboardPanel, NavItem, register_nav, register_panel
        from eiso.objectives.panels import objectives_panel
        from eiso.objectives.sources import register_builtin_sources

        register_builtin_sources()
        register_nav(NavItem("objectives:index", _("Mục tiêu chất lượng"), icon="bullseye", order=70))
        register_panel(
            DashboardPanel(template="objectives/_panel_objectives.html", context=objectives_panel, order=10)
        )
