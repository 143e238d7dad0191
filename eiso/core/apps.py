from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "eiso.core"
    label = "core"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from eiso.core import clock, registry, search  # noqa: F401 - search registers the SQLite fold

        clock.install()
        # Each app's inbox.py registers what it contributes to "Việc của tôi".
        autodiscover_modules("inbox")

        registry.register_nav(
            registry.NavItem("core:dashboard", _("Tổng quan"), icon="speedometer2", order=0, section="home")
        )
        registry.register_nav(
            registry.NavItem("core:inbox", _("Việc của tôi"), icon="inbox", order=1, section="home")
        )
        registry.register_nav(
            registry.NavItem("core:organisation", _("Tổ chức & HTQLCL"), icon="diagram-3", order=900)
        )
