"""Risks and opportunities (ISO 9001 cl. 6.1) per process or procedure: likelihood × impact on the agency's
scale, treatment actions, review and the effectiveness of the actions taken (an input of cl. 9.3.2 e)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.risks.choices import (
    DEFAULT_IMPACT_LABELS,
    DEFAULT_LIKELIHOOD_LABELS,
    Effectiveness,
    RiskKind,
    RiskLevel,
    RiskStatus,
)


def _default_likelihood() -> list[str]:
    return list(DEFAULT_LIKELIHOOD_LABELS)


def _default_impact() -> list[str]:
    return list(DEFAULT_IMPACT_LABELS)


class RiskScale(TimeStampedModel):
    """The agency's likelihood and impact scales (1..n, one label per step) and the level thresholds."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="risk_scale"
    )
    likelihood_labels = models.JSONField(_("thang khả năng xảy ra"), default=_default_likelihood)
    impact_labels = models.JSONField(_("thang mức độ ảnh hưởng"), default=_default_impact)
    medium_from = models.PositiveSmallIntegerField(_("mức trung bình từ điểm"), default=5)
    high_from = models.PositiveSmallIntegerField(_("mức cao từ điểm"), default=12)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thang đánh giá rủi ro")
        verbose_name_plural = _("thang đánh giá rủi ro")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(high_from__gt=models.F("medium_from"), medium_from__gte=1),
                name="risk_scale_thresholds_order",
            )
        ]

    def __str__(self) -> str:
        return _("Thang đánh giá rủi ro của {agency}").format(agency=self.agency)

    def level_of(self, score: int) -> str:
        if score >= self.high_from:
            return RiskLevel.HIGH
        if score >= self.medium_from:
            return RiskLevel.MEDIUM
        return RiskLevel.LOW


class Risk(TimeStampedModel):
    """A risk or an opportunity of a process or procedure."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="risks"
    )
    code = models.CharField(_("mã"), max_length=32)
    kind = models.CharField(_("loại"), max_length=16, choices=RiskKind.choices, default=RiskKind.RISK)
    process = models.ForeignKey(
        "procedures.HandlingProcess",
        verbose_name=_("quy trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.CharField(_("quá trình / lĩnh vực"), max_length=255, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("mô tả"))
    consequence = models.TextField(_("hệ quả"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("khả năng xảy ra"))
    impact = models.PositiveSmallIntegerField(_("mức độ ảnh hưởng"))
    score = models.PositiveSmallIntegerField(_("điểm (khả năng × ảnh hưởng)"), editable=False)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("người phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    identified_on = models.DateField(_("ngày nhận diện"))
    review_on = models.DateField(_("ngày xem xét lại"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    effectiveness = models.CharField(
        _("hiệu lực của hành động"), max_length=16, choices=Effectiveness.choices, blank=True
    )
    effectiveness_note = models.TextField(_("nhận xét hiệu lực"), blank=True)
    reviewed_on = models.DateField(_("ngày đánh giá hiệu lực"), null=True, blank=True)
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-score", "code"]
        verbose_name = _("rủi ro / cơ hội")
        verbose_name_plural = _("rủi ro và cơ hội")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="risk_code_unique_per_agency"),
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, impact__gte=1), name="risk_scores_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.description[:60]}"


class RiskAction(TimeStampedModel):
    """A treatment action of a risk (or an action to take an opportunity)."""

    risk = models.ForeignKey(Risk, verbose_name=_("rủi ro"), on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("biện pháp xử lý"))
    owner = models.ForeignKey(
        Person, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("thời hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "risk__agency"

    class Meta:
        ordering = ["risk", "deadline", "id"]
        verbose_name = _("biện pháp xử lý rủi ro")
        verbose_name_plural = _("biện pháp xử lý rủi ro")

    def __str__(self) -> str:
        return self.description[:80]
