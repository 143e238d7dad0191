from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "eiso.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.core.choices import QMS_MANAGERS

        registry.register_nav(
            registry.NavItem("api:keys", _("Khóa API"), icon="key", order=950, roles=QMS_MANAGERS)
        )
