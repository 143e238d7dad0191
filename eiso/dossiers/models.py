"""Dossiers (hồ sơ TTHC) received by the one-stop shop, their status history and the timeliness facts.

The derived columns (received_on, due_date, finished_at, finished_on) are stored so that every figure of the
Biểu II.06a report is one SQL aggregate; `eiso.dossiers.rules` is the one place that computes them.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.dossiers.choices import Channel, DossierStatus, EventKind

CODE_MAX_LENGTH = 64


class Dossier(TimeStampedModel):
    """One dossier of an administrative procedure, from receipt to the returned result.

    The time limit in force on the day of receipt is kept on the dossier (`time_limit_*`, `cutoff`). The due
    date used for classification is `due_date`: the local date of an explicit `due_at` (the one-stop system's
    own promise, e.g. from an import) when given, else `computed_due_date` (counted again from
    `supplement_received_at` after a supplement). An extension (`extended_due_at`) never moves it.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("mã hồ sơ"), max_length=CODE_MAX_LENGTH)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # dossier_procedure_idx leads with it
    )
    channel = models.CharField(
        _("hình thức nộp"), max_length=16, choices=Channel.choices, default=Channel.DIRECT
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("phòng xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        db_index=False,  # dossier_division_idx leads with it
    )
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=DossierStatus.choices, default=DossierStatus.ACCEPTED
    )
    received_at = models.DateTimeField(_("tiếp nhận lúc"))
    received_on = models.DateField(_("ngày tiếp nhận"), editable=False)
    time_limit_value = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    time_limit_unit = models.CharField(_("đơn vị thời hạn"), max_length=16)
    cutoff = models.TimeField(_("tính từ ngày hôm sau nếu nộp từ"), null=True, blank=True)
    supplement_requested_at = models.DateTimeField(_("yêu cầu bổ sung lúc"), null=True, blank=True)
    supplement_received_at = models.DateTimeField(_("nhận đủ bổ sung lúc"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    computed_due_date = models.DateField(_("hạn tính theo lịch làm việc"))
    due_at = models.DateTimeField(_("hẹn trả theo hệ thống một cửa"), null=True, blank=True)
    due_date = models.DateField(_("hạn giải quyết"))
    extended_due_at = models.DateTimeField(_("hẹn lại ngày trả (xin lỗi)"), null=True, blank=True)
    extension_reason = models.TextField(_("lý do gia hạn"), blank=True)
    resolved_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("dừng xử lý lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc xử lý lúc"), null=True, blank=True, editable=False)
    finished_on = models.DateField(_("ngày kết thúc xử lý"), null=True, blank=True, editable=False)
    applicant_name = models.CharField(_("người nộp"), max_length=255, blank=True)
    applicant_address = models.CharField(_("địa chỉ người nộp"), max_length=255, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "code"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="dossier_code_unique_per_agency"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True)
                | models.Q(resolved_at__gte=models.F("received_at")),
                name="dossier_resolved_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(time_limit_value__gte=0), name="dossier_limit_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status__gte=1, status__lte=10), name="dossier_status_1_10"
            ),
        ]
        # Every index is paid for by every import; each serves a named query (docs/performance.md). The
        # unique (agency, code) above serves the import's upsert and the public lookup by code; on
        # PostgreSQL a trigram index on upper(code) (migration 0002) serves the search by part of a code.
        indexes = [
            # The list, newest first (ORDER BY received_at DESC LIMIT 25) and the export's order.
            models.Index(fields=["agency", "received_at"], name="dossier_received_idx"),
            # The period base of the raw statistics and the drill-down (received_on <= end).
            models.Index(fields=["agency", "received_on"], name="dossier_received_on_idx"),
            # Finished in a period (drill-down, late dossiers) and finishes after the judgement date.
            models.Index(fields=["agency", "finished_on"], name="dossier_finished_idx"),
            # The list filtered by procedure, newest first; also PROTECT when a procedure is deleted.
            models.Index(fields=["procedure", "received_at"], name="dossier_procedure_idx"),
            # The list filtered by division, newest first; also SET_NULL when a division is deleted.
            models.Index(fields=["division", "received_at"], name="dossier_division_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class DossierEvent(TimeStampedModel):
    """One step of a dossier's life (receipt, transfer, supplement, extension, result...)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("loại"), max_length=32, choices=EventKind.choices)
    at = models.DateTimeField(_("lúc"))
    actor = models.ForeignKey(
        Person,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    agency_path: ClassVar[str] = "dossier__agency"

    class Meta:
        ordering = ["dossier", "at", "id"]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")

    def __str__(self) -> str:
        return f"{self.dossier.code}: {self.get_kind_display()}"


class DossierDayFigures(models.Model):
    """Per-day counts of one agency's dossiers by procedure and division: what Biểu II.06a sums (issue 15 §2).

    On PostgreSQL a statement trigger on the dossier table keeps it in the same transaction as every write
    (services, both imports, the API, the demo, even raw SQL): each statement adds the new rows'
    contributions and subtracts the old ones. A row counts, on `day`:

    * received_online / received_other: accepted dossiers received that day (statuses 1 and 3 never count);
    * resolved_early / resolved_on_time / resolved_late (/ _with_apology): finished that day, by the rules;
    * finished_after_due: finished that day after its due date (by date only, for the pending figures);
    * due / due_met: dossiers due that day, and those of them finished on or before it.

    `eiso.dossiers.selectors` turns these into every figure of any period; `division_key` is 0 for "no
    division" so that one plain unique key serves the trigger's upsert on every database.
    """

    agency_id = models.BigIntegerField(_("cơ quan"))
    procedure_id = models.BigIntegerField(_("thủ tục"))
    division_key = models.BigIntegerField(_("phòng (0: không có)"))
    day = models.DateField(_("ngày"))
    received_online = models.IntegerField(default=0)
    received_other = models.IntegerField(default=0)
    resolved_early = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)
    resolved_late = models.IntegerField(default=0)
    resolved_late_with_apology = models.IntegerField(default=0)
    finished_after_due = models.IntegerField(default=0)
    due = models.IntegerField(default=0)
    due_met = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu hồ sơ theo ngày")
        verbose_name_plural = _("số liệu hồ sơ theo ngày")
        constraints = [
            # The trigger's INSERT … ON CONFLICT key.
            models.UniqueConstraint(
                fields=["agency_id", "procedure_id", "division_key", "day"], name="dossier_day_figures_key"
            )
        ]
        indexes = [
            # The statistics read one agency's days up to the period end (cumulative figures included).
            models.Index(fields=["agency_id", "day"], name="dossier_day_figures_day_idx")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.division_key} {self.day:%d/%m/%Y}"
