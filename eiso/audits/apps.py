from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "eiso.audits"
    label = "audits"
    verbose_name = _("Đánh giá nội bộ")

    def ready(self) -> None:
        from eiso.audits.freezes import FREEZES
        from eiso.core import immutability

        immutability.register(*FREEZES)
        from eiso.audits.reminders import audit_session_reminders
        from eiso.core import registry

        registry.register_nav(
            registry.NavItem("audits:list", _("Đánh giá nội bộ"), icon="clipboard-check", order=500)
        )
        registry.register_reminder_rule(audit_session_reminders)
