from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementsConfig(AppConfig):
    name = "eiso.improvements"
    label = "improvements"
    verbose_name = _("Sự không phù hợp và khắc phục")

    def ready(self) -> None:
        from eiso.core import immutability
        from eiso.improvements.freezes import FREEZES

        immutability.register(*FREEZES)
        from eiso.core import registry
        from eiso.improvements import panels
        from eiso.improvements.reminders import (
            action_item_reminders,
            finding_without_car_reminders,
            late_dossier_rule,
        )

        # The person's corrective-action work shows in the one "Việc của tôi" (eiso/improvements/inbox.py).
        registry.register_nav(
            registry.NavItem("improvements:list", _("Khắc phục, cải tiến"), icon="tools", order=510)
        )
        registry.register_panel(
            registry.DashboardPanel(
                template="improvements/_panel_tasks.html", context=panels.my_tasks_panel, order=20
            )
        )
        registry.register_reminder_rule(action_item_reminders)
        registry.register_reminder_rule(finding_without_car_reminders)
        registry.register_reminder_rule(late_dossier_rule)
