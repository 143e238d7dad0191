from django.db import models
from django.utils.translation import gettext_lazy as _


class SetState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Comparison(models.TextChoices):
    GTE = "gte", "≥"
    LTE = "lte", "≤"
    EQ = "eq", "="


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


class Scope(models.TextChoices):
    AGENCY = "agency", _("Toàn cơ quan")
    DIVISION = "division", _("Một phòng")
    PROCEDURE = "procedure", _("Một thủ tục")


class ValueState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    POSTED = "posted", _("Đã ghi nhận")


class Status(models.TextChoices):
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Chưa đạt")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    NO_DATA = "no_data", _("Chưa có dữ liệu")
