from django.db import models
from django.utils.translation import gettext_lazy as _


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Điểm mạnh")
    OBSERVATION = "observation", _("Điểm lưu ý (khuyến nghị)")
    NONCONFORMITY = "nonconformity", _("Điểm không phù hợp")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")


class ChecklistResult(models.TextChoices):
    NOT_CHECKED = "", _("Chưa đánh giá")
    CONFORM = "conform", _("Phù hợp")
    OBSERVATION = "observation", _("Lưu ý")
    NONCONFORM = "nonconform", _("Không phù hợp")
