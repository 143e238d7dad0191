from django.db import models
from django.utils.translation import gettext_lazy as _


class NcSource(models.TextChoices):
    AUDIT_FINDING = "audit_finding", _("Phát hiện đánh giá nội bộ")
    COMPLAINT = "complaint", _("Phản ánh, kiến nghị")
    LATE_DOSSIER = "late_dossier", _("Hồ sơ trễ hạn")
    MISSED_OBJECTIVE = "missed_objective", _("Mục tiêu chất lượng không đạt")
    MANUAL = "manual", _("Ghi nhận trực tiếp")


class CarState(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    ANALYSING = "analysing", _("Đang phân tích")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ phê duyệt")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    VERIFYING = "verifying", _("Đang xác minh")
    CLOSED = "closed", _("Đã đóng")
    CANCELLED = "cancelled", _("Đã hủy")
    FORWARDED = "forwarded", _("Chuyển thực hiện tiếp")


OPEN_CAR_STATES = (
    CarState.PROPOSED,
    CarState.ANALYSING,
    CarState.AWAITING_APPROVAL,
    CarState.IN_PROGRESS,
    CarState.VERIFYING,
)


class Verification(models.TextChoices):
    EFFECTIVE = "effective", _("Có hiệu lực")
    NOT_EFFECTIVE = "not_effective", _("Không có hiệu lực")


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    DISMISSED = "dismissed", _("Đã bỏ qua")
