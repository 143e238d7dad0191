"""The administrative-procedure (TTHC) catalogue: procedures, their versioned time-limit rules, required
dossier components and the internal handling processes (quy trình nội bộ) with their steps."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, TimeStampedModel
from eiso.procedures.choices import ComponentKind, TimeLimitUnit

SYNTHETIC_CODE_PREFIX = "SYN-"


class Procedure(TimeStampedModel):
    """An administrative procedure handled by the agency, with its current time limit.

    The limit fields hold the rule in force now; `ProcedureRule` rows keep every version with its validity,
    and a dossier uses the rule valid on the day it was received (`selectors.procedure_rule_at`).
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="procedures"
    )
    code = models.CharField(_("mã TTHC"), max_length=64)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    level = models.PositiveSmallIntegerField(_("mức độ DVC trực tuyến"), null=True, blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    fee = models.TextField(_("phí, lệ phí"), blank=True)
    submission_methods = models.TextField(
        _("cách thức thực hiện"),
        blank=True,
        help_text=_(
            "Ví dụ: nộp trực tiếp tại Bộ phận tiếp nhận và trả kết quả; qua dịch vụ bưu chính; trực tuyến."
        ),
    )
    applicants = models.TextField(
        _("đối tượng thực hiện"), blank=True, help_text=_("Ví dụ: cá nhân, tổ chức trong nước và nước ngoài.")
    )
    outcome = models.TextField(
        _("kết quả thực hiện"), blank=True, help_text=_("Giấy tờ người nộp nhận được, ví dụ: giấy phép.")
    )
    in_scope = models.BooleanField(_("thuộc phạm vi HTQLCL"), default=True)
    time_limit_value = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=16, choices=TimeLimitUnit.choices, default=TimeLimitUnit.WORKING_DAYS
    )
    counts_from_next_day_after = models.TimeField(
        _("tính từ ngày hôm sau nếu nộp từ"),
        null=True,
        blank=True,
        help_text=_("Ví dụ 15:00: hồ sơ nhận từ 15:00 trở đi được tính là nhận ngày hôm sau."),
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    published_at_office_on = models.DateField(_("ngày niêm yết tại trụ sở"), null=True, blank=True)
    published_online_on = models.DateField(_("ngày công khai trên mạng"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "field", "code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="procedure_code_unique_per_agency"),
            models.CheckConstraint(
                condition=models.Q(time_limit_value__gte=0), name="procedure_limit_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                name="procedure_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="procedure_validity_in_order",
            ),
        ]
        indexes = [models.Index(fields=["agency", "field"], name="procedure_field_idx")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_synthetic_code(self) -> bool:
        """A temporary code (mã tạm) made up because no national code is known: never shown as national."""
        return self.code.upper().startswith(SYNTHETIC_CODE_PREFIX)

    @property
    def is_published(self) -> bool:
        return bool(self.published_at_office_on or self.published_online_on)


class ProcedureRule(TimeStampedModel):
    """One version of a procedure's time-limit rule, valid from `valid_from` to `valid_to` (inclusive)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="rules"
    )
    time_limit_value = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(_("đơn vị thời hạn"), max_length=16, choices=TimeLimitUnit.choices)
    counts_from_next_day_after = models.TimeField(_("tính từ ngày hôm sau nếu nộp từ"), null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_reference = models.CharField(_("căn cứ thay đổi"), max_length=255, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "procedure__agency"

    class Meta:
        ordering = ["procedure", "valid_from"]
        verbose_name = _("quy định thời hạn")
        verbose_name_plural = _("quy định thời hạn")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "valid_from"], name="procedure_rule_unique_start"),
            models.CheckConstraint(
                condition=models.Q(time_limit_value__gte=0), name="procedure_rule_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="procedure_rule_validity_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code}: {self.time_limit_value} {self.get_time_limit_unit_display()}"


class RequiredComponent(TimeStampedModel):
    """A document the applicant must submit (thành phần hồ sơ)."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="components"
    )
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    kind = models.CharField(
        _("loại bản"), max_length=16, choices=ComponentKind.choices, default=ComponentKind.ORIGINAL
    )
    count = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "procedure__agency"

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name


class HandlingProcess(TimeStampedModel):
    """An internal handling process (quy trình nội bộ).

    One process may cover several TTHC (TT 26/2014 Art. 41 cl. 6).
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="handling_processes"
    )
    code = models.CharField(_("mã quy trình"), max_length=64)
    name = models.CharField(_("tên quy trình"), max_length=500)
    procedures = models.ManyToManyField(
        Procedure, verbose_name=_("thủ tục áp dụng"), related_name="processes", blank=True
    )
    published_at_office_on = models.DateField(_("ngày niêm yết tại trụ sở"), null=True, blank=True)
    published_online_on = models.DateField(_("ngày công khai trên mạng"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    history = HistoricalRecords(m2m_fields=[procedures])

    class Meta:
        ordering = ["agency", "code"]
        verbose_name = _("quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="handling_process_code_unique_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_published(self) -> bool:
        return bool(self.published_at_office_on or self.published_online_on)


class ProcessStep(TimeStampedModel):
    """One ordered step of a handling process, with the responsible division and its time limit."""

    process = models.ForeignKey(
        HandlingProcess, verbose_name=_("quy trình"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("nội dung công việc"), max_length=500)
    division = models.ForeignKey(
        Division,
        verbose_name=_("phòng chịu trách nhiệm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process_steps",
    )
    time_limit_value = models.DecimalField(_("thời hạn"), max_digits=7, decimal_places=2, default=0)
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=16, choices=TimeLimitUnit.choices, default=TimeLimitUnit.WORKING_DAYS
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "process__agency"

    class Meta:
        ordering = ["process", "order"]
        verbose_name = _("bước quy trình")
        verbose_name_plural = _("bước quy trình")
        constraints = [
            models.UniqueConstraint(fields=["process", "order"], name="process_step_order_unique"),
            models.CheckConstraint(condition=models.Q(time_limit_value__gte=0), name="process_step_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
