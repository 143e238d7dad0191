from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "eiso.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát hài lòng")

    def ready(self) -> None:
        from eiso.core.registry import DashboardPanel, NavItem, register_nav, register_panel
        from eiso.surveys.panels import satisfaction_panel

        register_nav(NavItem("surveys:results", _("Khảo sát hài lòng"), icon="emoji-smile", order=50))
        register_panel(
            DashboardPanel(template="surveys/_panel_satisfaction.html", context=satisfaction_panel, order=30)
        )
