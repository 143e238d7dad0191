from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """PAdES baseline levels reached by a signature."""

    B_B = "B-B", "PAdES B-B"
    B_T = "B-T", "PAdES B-T"
    B_LT = "B-LT", "PAdES B-LT"


class VerificationStatus(models.TextChoices):
    VALID = "valid", _("Chữ ký số hợp lệ")
    INVALID = "invalid", _("Chữ ký số không hợp lệ hoặc văn bản đã bị thay đổi")
    UNSIGNED = "unsigned", _("Không có chữ ký số")
