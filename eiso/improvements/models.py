"""Nonconformities and corrective actions (ISO 9001 cl. 10.2), and the nonconformities proposed from late
dossiers. Nothing here is deleted: a request is cancelled with a reason."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.improvements.choices import CarState, NcSource, ProposalState, Verification


class Nonconformity(TimeStampedModel):
    """A nonconformity (sự không phù hợp) with a link to where it came from."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="nonconformities"
    )
    source_kind = models.CharField(
        _("nguồn"), max_length=32, choices=NcSource.choices, default=NcSource.MANUAL
    )
    finding = models.ForeignKey(
        "audits.Finding",
        verbose_name=_("phát hiện đánh giá"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nonconformities",
    )
    dossier_ids = models.JSONField(_("hồ sơ liên quan"), default=list, blank=True)
    source_note = models.CharField(_("mô tả nguồn"), max_length=255, blank=True)
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
    description = models.TextField(_("mô tả sự không phù hợp"))
    raised_on = models.DateField(_("ngày ghi nhận"))
    raised_by = models.ForeignKey(
        Person, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    # Nullable so that SQLite adds the column in place instead of rebuilding a table guarded by triggers.
    cancel_reason = models.TextField(_("lý do hủy"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-raised_on", "-id"]
        verbose_name = _("sự không phù hợp")
        verbose_name_plural = _("sự không phù hợp")

    def __str__(self) -> str:
        return _("Sự không phù hợp #{pk}").format(pk=self.pk)


class CorrectiveAction(TimeStampedModel):
    """A corrective action request (phiếu yêu cầu hành động khắc phục) in four parts: description and
    source, root cause and plan, approval, verification of effectiveness."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="corrective_actions"
    )
    number = models.CharField(_("số phiếu"), max_length=32)
    nonconformity = models.ForeignKey(
        Nonconformity,
        verbose_name=_("sự không phù hợp"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    follow_up_of = models.OneToOneField(
        "self",
        verbose_name=_("chuyển tiếp từ phiếu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up",
    )
    state = models.CharField(
        _("trạng thái"), max_length=24, choices=CarState.choices, default=CarState.PROPOSED
    )
    requested_by = models.ForeignKey(
        Person, verbose_name=_("người yêu cầu"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("ngày yêu cầu"))
    root_cause = models.TextField(_("nguyên nhân"), blank=True)
    whys = models.JSONField(_("5 lần hỏi tại sao"), default=list, blank=True)
    correction = models.TextField(_("biện pháp khắc phục tức thời"), blank=True)
    due_on = models.DateField(_("thời hạn hoàn thành"), null=True, blank=True)
    verify_after = models.DateField(_("xác minh hiệu lực sau ngày"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Person,
        verbose_name=_("người phê duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    approval_note = models.TextField(_("ý kiến phê duyệt"), blank=True)
    verified_by = models.ForeignKey(
        Person,
        verbose_name=_("người xác minh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_on = models.DateField(_("ngày xác minh"), null=True, blank=True)
    verification = models.CharField(
        _("kết quả xác minh"), max_length=16, choices=Verification.choices, blank=True
    )
    verification_note = models.TextField(_("nhận xét xác minh"), blank=True)
    closed_on = models.DateField(_("ngày đóng"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-requested_on", "-id"]
        verbose_name = _("phiếu yêu cầu hành động khắc phục")
        verbose_name_plural = _("phiếu yêu cầu hành động khắc phục")
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="car_number_unique_per_agency"),
            models.CheckConstraint(
                condition=~models.Q(state=CarState.CANCELLED) | ~models.Q(cancel_reason=""),
                name="car_cancel_needs_reason",
            ),
        ]
        indexes = [models.Index(fields=["agency", "state"], name="car_agency_state_idx")]

    def __str__(self) -> str:
        return _("Phiếu {number}").format(number=self.number)


class ActionItem(TimeStampedModel):
    """One planned action of a request, with its owner and deadline."""

    corrective_action = models.ForeignKey(
        CorrectiveAction, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(_("nội dung hành động"))
    owner = models.ForeignKey(
        Person, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="action_items"
    )
    deadline = models.DateField(_("thời hạn"))
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    done_note = models.TextField(_("kết quả thực hiện"), blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "corrective_action__agency"

    class Meta:
        ordering = ["corrective_action", "deadline", "id"]
        verbose_name = _("hành động")
        verbose_name_plural = _("hành động")
        indexes = [models.Index(fields=["deadline"], name="action_item_deadline_idx")]

    def __str__(self) -> str:
        return self.description[:80]


class NcProposal(TimeStampedModel):
    """A nonconformity proposed by the daily rule from late dossiers of one procedure at one division."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey(
        "procedures.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        Division, verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    proposed_on = models.DateField(_("ngày đề xuất"))
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("người quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    dismiss_reason = models.TextField(_("lý do bỏ qua"), blank=True)
    nonconformity = models.OneToOneField(
        Nonconformity,
        verbose_name=_("sự không phù hợp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-proposed_on", "-id"]
        verbose_name = _("đề xuất ghi nhận sự không phù hợp")
        verbose_name_plural = _("đề xuất ghi nhận sự không phù hợp")

    def __str__(self) -> str:
        return _("Đề xuất từ hồ sơ trễ hạn: {procedure}").format(procedure=self.procedure)


class ProposedDossier(models.Model):
    """A late dossier named in a proposal; a dossier is proposed at most once, ever."""

    proposal = models.ForeignKey(
        NcProposal, verbose_name=_("đề xuất"), on_delete=models.CASCADE, related_name="dossiers"
    )
    dossier_id = models.PositiveBigIntegerField(_("mã hồ sơ (id)"), unique=True)
    code = models.CharField(_("mã hồ sơ"), max_length=64)
    due_date = models.DateField(_("hạn giải quyết"))
    finished_on = models.DateField(_("ngày kết thúc xử lý"), null=True, blank=True)

    agency_path: ClassVar[str] = "proposal__agency"

    class Meta:
        ordering = ["proposal", "due_date", "id"]
        verbose_name = _("hồ sơ được đề xuất")
        verbose_name_plural = _("hồ sơ được đề xuất")

    def __str__(self) -> str:
        return self.code
