from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.IntegerChoices):
    """The national one-stop status codes (TrangThaiHoSo, domain.md §2.2)."""

    REGISTERED = 1, _("Mới đăng ký")
    ACCEPTED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    FINANCIAL = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    RESOLVED = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


# No clock ever started for these: excluded from every count (issue 3 §4).
NOT_STARTED = (DossierStatus.REGISTERED, DossierStatus.REFUSED)
# A dossier in one of these has a finished_at (resolved, returned, stopped or withdrawn after acceptance).
FINISHED = (DossierStatus.WITHDRAWAL, DossierStatus.STOPPED, DossierStatus.RESOLVED, DossierStatus.RETURNED)


class Channel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Dịch vụ bưu chính")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Tiếp nhận")
    TRANSFERRED = "transferred", _("Chuyển xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    SUPPLEMENT_RECEIVED = "supplement_received", _("Nhận bổ sung")
    EXTENDED = "extended", _("Xin lỗi và hẹn lại ngày trả")
    STOPPED = "stopped", _("Dừng xử lý")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    RESOLVED = "resolved", _("Đã xử lý xong")
    RETURNED = "returned", _("Trả kết quả")
    IMPORTED = "imported", _("Nhập từ tệp")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")
    PENDING_IN_TIME = "pending_in_time", _("Đang giải quyết trong hạn")
    PENDING_OVERDUE = "pending_overdue", _("Đang giải quyết quá hạn")
    NOT_STARTED = "not_started", _("Chưa tiếp nhận")
