from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    HOLIDAY = "holiday", _("Ngày nghỉ")
    WORKDAY = "workday", _("Ngày làm việc (làm bù)")
