"""Internal audit (ISO 9001 cl. 9.2): the yearly programme, audit plans with their schedule, checklists,
findings and the report approved by the lead auditor."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.audits.choices import ChecklistResult, FindingKind, ReportStatus
from eiso.core.models import Agency, Division, Person, TimeStampedModel


class AuditProgramme(TimeStampedModel):
    """The yearly internal audit programme (chương trình đánh giá nội bộ năm)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="audit_programmes"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=255)
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Person,
        verbose_name=_("người phê duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    budget_line = models.CharField(_("nguồn kinh phí"), max_length=255, blank=True)
    budget_amount = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("chương trình đánh giá nội bộ")
        verbose_name_plural = _("chương trình đánh giá nội bộ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="audit_programme_one_per_year")
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(TimeStampedModel):
    """One line of the programme: a division and/or a procedure or process, audited in a planned month."""

    programme = models.ForeignKey(
        AuditProgramme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="items"
    )
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    procedure = models.ForeignKey(
        "procedures.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    process = models.ForeignKey(
        "procedures.HandlingProcess",
        verbose_name=_("quy trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_month = models.PositiveSmallIntegerField(_("tháng dự kiến"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "programme__agency"

    class Meta:
        ordering = ["programme", "planned_month", "id"]
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("nội dung chương trình")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_month__gte=1, planned_month__lte=12),
                name="programme_item_month_1_12",
            ),
            models.CheckConstraint(
                condition=models.Q(division__isnull=False)
                | models.Q(procedure__isnull=False)
                | models.Q(process__isnull=False),
                name="programme_item_has_subject",
            ),
        ]

    def __str__(self) -> str:
        subject = self.division or self.procedure or self.process
        return f"{subject} ({self.planned_month:02d}/{self.programme.year})"


class Audit(TimeStampedModel):
    """One internal audit: the plan (kế hoạch đánh giá), its findings and its report."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="audits"
    )
    programme = models.ForeignKey(
        AuditProgramme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audits",
    )
    title = models.CharField(_("tên cuộc đánh giá"), max_length=255)
    objectives = models.TextField(_("mục tiêu"))
    scope = models.TextField(_("phạm vi"))
    criteria = models.TextField(_("chuẩn mực đánh giá"), blank=True)
    criteria_tags = models.JSONField(_("chuẩn mực (nhãn)"), default=list, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    lead_auditor = models.ForeignKey(
        Person, verbose_name=_("trưởng đoàn"), on_delete=models.PROTECT, related_name="led_audits"
    )
    team = models.ManyToManyField(
        Person, verbose_name=_("thành viên đoàn"), related_name="audits", blank=True
    )
    auditees = models.ManyToManyField(Division, verbose_name=_("đơn vị được đánh giá"), related_name="+")
    summary = models.TextField(_("tóm tắt kết quả"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    report_status = models.CharField(
        _("trạng thái báo cáo"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    report_approved_on = models.DateField(_("ngày phê duyệt báo cáo"), null=True, blank=True)
    # The SHA-256 of the signed report PDF (when the agency signs on issue); frozen with the approved report.
    report_sha256 = models.CharField(_("SHA-256 của báo cáo đã ký số"), max_length=64, null=True, blank=True)
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    # Nullable so that SQLite adds the column in place instead of rebuilding a table guarded by triggers.
    cancel_reason = models.TextField(_("lý do hủy"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[team, auditees])

    class Meta:
        ordering = ["agency", "-starts_on", "-id"]
        verbose_name = _("cuộc đánh giá nội bộ")
        verbose_name_plural = _("cuộc đánh giá nội bộ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="audit_dates_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class AuditSession(TimeStampedModel):
    """The schedule of an audit at one division: when and by whom."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("cuộc đánh giá"), on_delete=models.CASCADE, related_name="sessions"
    )
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    auditors = models.ManyToManyField(
        Person, verbose_name=_("chuyên gia đánh giá"), related_name="audit_sessions"
    )
    history = HistoricalRecords(m2m_fields=[auditors])

    agency_path: ClassVar[str] = "audit__agency"

    class Meta:
        ordering = ["audit", "starts_at", "id"]
        verbose_name = _("lịch đánh giá")
        verbose_name_plural = _("lịch đánh giá")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_times_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.division} · {self.starts_at:%d/%m/%Y}"


class ChecklistTemplate(TimeStampedModel):
    """A reusable list of audit questions."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="checklist_templates"
    )
    name = models.CharField(_("tên mẫu"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("mẫu danh mục câu hỏi")
        verbose_name_plural = _("mẫu danh mục câu hỏi")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="checklist_template_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistTemplateItem(TimeStampedModel):
    """A question of a checklist template."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("mẫu"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    clause = models.CharField(_("điều khoản / bước quy trình"), max_length=128)
    question = models.TextField(_("câu hỏi"))

    agency_path: ClassVar[str] = "template__agency"

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("câu hỏi mẫu")
        verbose_name_plural = _("câu hỏi mẫu")

    def __str__(self) -> str:
        return f"{self.clause}: {self.question[:60]}"


class ChecklistItem(TimeStampedModel):
    """A question of an audit's checklist: clause or procedure step → question → evidence → result."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("cuộc đánh giá"), on_delete=models.CASCADE, related_name="checklist"
    )
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    clause = models.CharField(_("điều khoản / bước quy trình"), max_length=128)
    question = models.TextField(_("câu hỏi"))
    evidence = models.TextField(_("bằng chứng"), blank=True)
    result = models.CharField(
        _("kết quả"),
        max_length=16,
        choices=ChecklistResult.choices,
        default=ChecklistResult.NOT_CHECKED,
        blank=True,
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "audit__agency"

    class Meta:
        ordering = ["audit", "order", "id"]
        verbose_name = _("câu hỏi đánh giá")
        verbose_name_plural = _("câu hỏi đánh giá")

    def __str__(self) -> str:
        return f"{self.clause}: {self.question[:60]}"


class Finding(TimeStampedModel):
    """A finding of an audit: strength, observation or nonconformity, at one division."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("cuộc đánh giá"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("loại phát hiện"), max_length=16, choices=FindingKind.choices)
    clause = models.CharField(_("điều khoản"), max_length=128, blank=True)
    description = models.TextField(_("nội dung"))
    evidence = models.TextField(_("bằng chứng"), blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, related_name="+"
    )
    auditor = models.ForeignKey(
        Person, verbose_name=_("chuyên gia đánh giá"), on_delete=models.PROTECT, related_name="findings"
    )
    found_on = models.DateField(_("ngày phát hiện"))
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    # Nullable so that SQLite adds the column in place instead of rebuilding a table guarded by triggers.
    cancel_reason = models.TextField(_("lý do hủy"), null=True, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "audit__agency"

    class Meta:
        ordering = ["audit", "division", "kind", "id"]
        verbose_name = _("phát hiện đánh giá")
        verbose_name_plural = _("phát hiện đánh giá")
        indexes = [models.Index(fields=["kind", "found_on"], name="finding_kind_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"
