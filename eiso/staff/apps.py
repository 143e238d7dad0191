from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """People and organisation pages: staff, divisions, steering committee, quality policy, QMS profile."""

    name = "eiso.staff"
    label = "staff"
    verbose_name = _("Nhân sự và tổ chức")

    def ready(self) -> None:
        from eiso.core import registry
        from eiso.core.choices import QMS_MANAGERS, Role

        registry.register_nav(
            registry.NavItem(
                "staff:index", _("Cán bộ và tổ chức"), icon="people", order=890, roles=QMS_MANAGERS
            )
        )
        registry.register_nav(
            registry.NavItem(
                "staff:agency_create",
                _("Thêm cơ quan"),
                icon="building-add",
                order=895,
                roles=(Role.SUPERVISOR,),
            )
        )
