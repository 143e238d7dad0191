"""Quality objectives (ISO 9001 cl. 6.2): a yearly set issued by decision, objectives, measurable indicators.

Indicator values are computed from records by the indicator's source (eiso.objectives.sources); only
manual indicators store values (ManualValue), and only reviews and reports freeze figures
(MeasurementSnapshot).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.objectives.choices import Comparison, Frequency, Scope, SetState, Status, ValueState
from eiso.procedures.models import Procedure


class ObjectiveSet(TimeStampedModel):
    """The year's quality objectives of an agency, issued by the head's decision."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="objective_sets"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định ban hành"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=SetState.choices, default=SetState.DRAFT)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("mục tiêu chất lượng năm")
        verbose_name_plural = _("mục tiêu chất lượng năm")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_objective_set_per_year")]

    def __str__(self) -> str:
        return _("Mục tiêu chất lượng năm {year}").format(year=self.year)


class Objective(TimeStampedModel):
    """One quality objective, as worded in the decision."""

    objective_set = models.ForeignKey(
        ObjectiveSet, verbose_name=_("bộ mục tiêu"), on_delete=models.CASCADE, related_name="objectives"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("mục tiêu"), max_length=500)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "objective_set__agency"

    class Meta:
        ordering = ["objective_set", "order", "id"]
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")

    def __str__(self) -> str:
        return self.text


class Indicator(TimeStampedModel):
    """A measurable indicator of an objective: target, frequency, owner, scope and the source of its value."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("mục tiêu"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=500)
    owner_division = models.ForeignKey(
        Division, verbose_name=_("phòng chịu trách nhiệm"), on_delete=models.SET_NULL, null=True, blank=True
    )
    owner_person = models.ForeignKey(
        Person, verbose_name=_("người chịu trách nhiệm"), on_delete=models.SET_NULL, null=True, blank=True
    )
    comparison = models.CharField(
        _("so sánh"), max_length=8, choices=Comparison.choices, default=Comparison.GTE
    )
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("đơn vị"), max_length=32, default="%")
    frequency = models.CharField(
        _("tần suất theo dõi"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    source = models.CharField(_("nguồn số liệu"), max_length=64, default="manual")
    scope = models.CharField(_("phạm vi"), max_length=16, choices=Scope.choices, default=Scope.AGENCY)
    scope_division = models.ForeignKey(
        Division,
        verbose_name=_("phòng (phạm vi)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scope_procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục (phạm vi)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "objective__objective_set__agency"

    class Meta:
        ordering = ["objective", "order", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="division") | models.Q(scope_division__isnull=False),
                name="indicator_division_scope_has_division",
            ),
            models.CheckConstraint(
                condition=~models.Q(scope="procedure") | models.Q(scope_procedure__isnull=False),
                name="indicator_procedure_scope_has_procedure",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target_display(self) -> str:
        value = f"{self.target_value.normalize():f}"
        return f"{self.get_comparison_display()} {value}{self.unit if self.unit == '%' else ' ' + self.unit}"


class ManualValue(TimeStampedModel):
    """A value of a manual indicator for one period, with its evidence; counts once posted."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="manual_values"
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2, null=True, blank=True)
    numerator = models.PositiveIntegerField(_("tử số"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("mẫu số"), null=True, blank=True)
    evidence_text = models.TextField(_("bằng chứng"), blank=True)
    evidence_file = models.FileField(_("tệp bằng chứng"), upload_to="objectives/evidence/", blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ValueState.choices, default=ValueState.DRAFT
    )
    entered_by = models.ForeignKey(
        Person,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "indicator__objective__objective_set__agency"

    class Meta:
        ordering = ["indicator", "period_start", "id"]
        verbose_name = _("số liệu nhập tay")
        verbose_name_plural = _("số liệu nhập tay")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="manual_value_period_order"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False)
                | (models.Q(numerator__isnull=False) & models.Q(denominator__isnull=False)),
                name="manual_value_has_a_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


class MeasurementSnapshot(TimeStampedModel):
    """An indicator's measurement frozen at an as-of date by a review or a report."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="snapshots"
    )
    as_of = models.DateField(_("tính đến ngày"))
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2, null=True, blank=True)
    numerator = models.DecimalField(_("tử số"), max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("đánh giá"), max_length=16, choices=Status.choices)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    frozen_by = models.ForeignKey(
        Person,
        verbose_name=_("người chốt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    agency_path: ClassVar[str] = "indicator__objective__objective_set__agency"

    class Meta:
        ordering = ["indicator", "-as_of"]
        verbose_name = _("số liệu đã chốt")
        verbose_name_plural = _("số liệu đã chốt")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "as_of"], name="one_snapshot_per_indicator_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} @ {self.as_of:%d/%m/%Y}"
