from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskKind(models.TextChoices):
    RISK = "risk", _("Rủi ro")
    OPPORTUNITY = "opportunity", _("Cơ hội")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class Effectiveness(models.TextChoices):
    EFFECTIVE = "effective", _("Có hiệu lực")
    PARTLY = "partly", _("Có hiệu lực một phần")
    NOT_EFFECTIVE = "not_effective", _("Không có hiệu lực")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    CLOSED = "closed", _("Đã kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")


DEFAULT_LIKELIHOOD_LABELS = ["Hiếm khi", "Ít khi", "Có thể", "Thường xuyên", "Gần như chắc chắn"]
DEFAULT_IMPACT_LABELS = ["Không đáng kể", "Nhỏ", "Trung bình", "Lớn", "Nghiêm trọng"]
