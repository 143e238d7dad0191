from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "eiso.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from eiso.core import immutability, registry
        from eiso.core.choices import QMS_MANAGERS, Role
        from eiso.reports.freezes import FREEZES

        immutability.register(*FREEZES)

        registry.register_nav(
            registry.NavItem(
                "reports:province", _("Tình hình toàn tỉnh"), icon="map", order=800, roles=(Role.SUPERVISOR,)
            )
        )
        registry.register_nav(
            registry.NavItem(
                "reports:self_report_latest",
                _("Báo cáo HTQLCL năm (Sở KH&CN)"),
                icon="file-earmark-check",
                order=790,
                roles=tuple(QMS_MANAGERS),
            )
        )
