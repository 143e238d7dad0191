from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SCALE5 = "scale5", _("Thang 5 mức (rất không hài lòng … rất hài lòng)")
    TT01_POINTS = "tt01_points", _("Chỉ số TT 01/2018 (0/1/2 điểm)")
    TEXT = "text", _("Ý kiến tự do")


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    PAPER = "paper", _("Phiếu giấy")
    KIOSK = "kiosk", _("Thiết bị đánh giá tại Bộ phận một cửa")


SCALE5_LABELS = {
    1: _("Rất không hài lòng"),
    2: _("Không hài lòng"),
    3: _("Bình thường"),
    4: _("Hài lòng"),
    5: _("Rất hài lòng"),
}

TT01_LABELS = {
    2: _("Tốt (2 điểm)"),
    1: _("Đạt (1 điểm)"),
    0: _("Chưa đạt (0 điểm)"),
}
