from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "eiso.workdays"
    label = "workdays"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from eiso.core.registry import NavItem, register_nav

        register_nav(NavItem("workdays:calendar", _("Lịch làm việc"), icon="calendar3", order=850))
