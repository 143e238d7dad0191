from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "eiso.signatures"
    label = "signatures"
    verbose_name = _("Chữ ký số")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.core.choices import QMS_MANAGERS

        registry.register_nav(
            registry.NavItem(
                "signatures:setup", _("Chữ ký số"), icon="pen", order=940, roles=tuple(QMS_MANAGERS)
            )
        )
