from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "eiso.outbox"
    label = "outbox"
    verbose_name = _("Hộp thư đi")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.core.choices import QMS_MANAGERS

        registry.register_nav(
            registry.NavItem("outbox:index", _("Hộp thư đi"), icon="envelope", order=960, roles=QMS_MANAGERS)
        )
