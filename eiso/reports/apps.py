from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "eiso.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.core.choices import Role

        registry.register_nav(
            registry.NavItem(
                "reports:province", _("Tình hình toàn tỉnh"), icon="map", order=800, roles=(Role.SUPERVISOR,)
            )
        )
