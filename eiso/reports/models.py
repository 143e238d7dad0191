"""The yearly report on the QMS to the provincial Department of Science and Technology (TT 26/2014/TT-BKHCN,
Art. 36), issued from the year's management review."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Person, TimeStampedModel
from eiso.reviews.models import ManagementReview


class SelfReportState(models.TextChoices):
    ISSUED = "issued", _("Đã ban hành")


class SelfReport(TimeStampedModel):
    """The issued self-report of a year: its number, date and signer (the Director); when the agency signs
    on issue, the SHA-256 of its signed PDF. Issued once: the database refuses any change afterwards."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="self_reports"
    )
    review = models.OneToOneField(
        ManagementReview,
        verbose_name=_("cuộc họp xem xét của lãnh đạo"),
        on_delete=models.PROTECT,
        related_name="self_report",
    )
    number = models.CharField(_("số văn bản"), max_length=32)
    issued_on = models.DateField(_("ngày ban hành"))
    signed_by = models.ForeignKey(
        Person, verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=SelfReportState.choices, default=SelfReportState.ISSUED
    )
    sha256 = models.CharField(_("SHA-256 của báo cáo đã ký số"), max_length=64, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-issued_on", "-id"]
        verbose_name = _("báo cáo tình hình HTQLCL năm")
        verbose_name_plural = _("báo cáo tình hình HTQLCL năm")

    def __str__(self) -> str:
        return _("Báo cáo HTQLCL năm {year}").format(year=self.review.year)
