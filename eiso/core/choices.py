from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Giám đốc")
    DEPUTY_DIRECTOR = "deputy_director", _("Phó Giám đốc")
    ISO_SECRETARY = "iso_secretary", _("Thư ký ISO")
    STEERING_MEMBER = "steering_member", _("Thành viên Ban Chỉ đạo ISO")
    DIVISION_HEAD = "division_head", _("Trưởng phòng")
    OFFICER = "officer", _("Chuyên viên")
    AUDITOR = "auditor", _("Chuyên gia đánh giá nội bộ")
    VIEWER = "viewer", _("Người xem")
    SUPERVISOR = "supervisor", _("Giám sát cấp tỉnh (Sở KH&CN)")


class Salutation(models.TextChoices):
    """How a state document names an official ("ông Phạm Duy Lộc, Giám đốc Sở"); never a generic "Ông/Bà"."""

    MR = "ông", _("ông")
    MS = "bà", _("bà")


LEADERSHIP = (Role.DIRECTOR, Role.DEPUTY_DIRECTOR)
QMS_MANAGERS = (Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.ISO_SECRETARY)
