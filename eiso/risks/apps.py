from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "eiso.risks"
    label = "risks"
    verbose_name = _("Rủi ro và cơ hội")
