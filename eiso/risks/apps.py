from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "eiso.risks"
    label = "risks"
    verbose_name = _("Rủi ro và cơ hội")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.risks.panels import risk_panel

        registry.register_nav(
            registry.NavItem("risks:list", _("Rủi ro và cơ hội"), icon="shield-exclamation", order=520)
        )
        registry.register_panel(
            registry.DashboardPanel(template="risks/_panel.html", context=risk_panel, order=60)
        )
