"""Document control (ISO 9001 clause 7.5): the register, versions with their approval workflow,
distribution with read confirmations, periodic and legal-change reviews, and yearly evaluations."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.documents.choices import (
    FROZEN_STATES,
    OPEN_STATES,
    DocumentType,
    EvaluationResult,
    FileKind,
    VersionState,
)


class CodePattern(TimeStampedModel):
    """The agency's own code pattern for a document type, e.g. "QT-{n:02d}" (`{n}` is the next number)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="document_code_patterns"
    )
    doc_type = models.CharField(_("loại tài liệu"), max_length=32, choices=DocumentType.choices)
    pattern = models.CharField(_("mẫu mã"), max_length=64, help_text=_("Ví dụ: QT-{n:02d} cho QT-01, QT-02…"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "doc_type"]
        verbose_name = _("mẫu mã tài liệu")
        verbose_name_plural = _("mẫu mã tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_type"], name="document_code_pattern_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()}: {self.pattern}"


class Document(TimeStampedModel):
    """A controlled document of the QMS (quality manual, procedure, form…) or an external legal document.

    The content lives in its versions; `next_review_on` is kept by the services so overdue reviews are a
    plain indexed filter.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(_("loại tài liệu"), max_length=32, choices=DocumentType.choices)
    code = models.CharField(_("mã tài liệu"), max_length=64)
    title = models.CharField(_("tên tài liệu"), max_length=500)
    owner_division = models.ForeignKey(
        Division,
        verbose_name=_("phòng chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    scope = models.TextField(_("phạm vi áp dụng"), blank=True)
    procedures = models.ManyToManyField(
        "procedures.Procedure", verbose_name=_("thủ tục hành chính"), related_name="documents", blank=True
    )
    handling_process = models.ForeignKey(
        "procedures.HandlingProcess",
        verbose_name=_("quy trình nội bộ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    legal_bases = models.ManyToManyField(
        "self",
        verbose_name=_("căn cứ pháp lý"),
        symmetrical=False,
        related_name="based_documents",
        blank=True,
        limit_choices_to={"doc_type": DocumentType.EXTERNAL},
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("sửa đổi, thay thế văn bản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        limit_choices_to={"doc_type": DocumentType.EXTERNAL},
    )
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    legal_effective_from = models.DateField(_("ngày có hiệu lực (văn bản bên ngoài)"), null=True, blank=True)
    review_period_months = models.PositiveSmallIntegerField(_("chu kỳ xem xét (tháng)"), default=12)
    last_reviewed_on = models.DateField(_("ngày xem xét gần nhất"), null=True, blank=True)
    next_review_on = models.DateField(_("hạn xem xét tiếp theo"), null=True, blank=True, db_index=True)
    is_public = models.BooleanField(
        _("công khai trên cổng"), default=False, help_text=_("Chỉ quy trình TTHC và biểu mẫu được công khai.")
    )
    history = HistoricalRecords(m2m_fields=[procedures])

    class Meta:
        ordering = ["agency", "doc_type", "code"]
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="document_code_unique_per_agency"),
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(doc_type__in=["tthc_procedure", "form"]),
                name="document_public_only_procedures_and_forms",
            ),
            models.CheckConstraint(
                condition=Q(review_period_months__gte=1), name="document_review_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_external(self) -> bool:
        return self.doc_type == DocumentType.EXTERNAL


class DocumentVersion(TimeStampedModel):
    """One issue or revision of a document (lần ban hành / lần sửa đổi) with its approval record.

    Once issued the content is frozen: `save()` refuses changes other than the state moving on.
    """

    document = models.ForeignKey(
        Document, verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="versions"
    )
    issue_no = models.PositiveSmallIntegerField(_("lần ban hành"), default=1)
    revision_no = models.PositiveSmallIntegerField(_("lần sửa đổi"), default=0)
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=VersionState.choices, default=VersionState.DRAFT
    )
    effective_from = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    changed_sections = models.CharField(_("vị trí sửa đổi"), max_length=255, blank=True)
    change_summary = models.TextField(_("nội dung sửa đổi"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(_("tệp tài liệu"), upload_to="documents/%Y/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    file_kind = models.CharField(_("loại tệp"), max_length=8, choices=FileKind.choices, blank=True)
    file_size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    file_sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    drafted_by = models.ForeignKey(
        Person, verbose_name=_("người soạn thảo"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Person,
        verbose_name=_("người xem xét"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến xem xét"), blank=True)
    approved_by = models.ForeignKey(
        Person,
        verbose_name=_("người phê duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    approval_comment = models.TextField(_("ý kiến phê duyệt"), blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    superseded_on = models.DateField(_("bị thay thế từ ngày"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    withdraw_reason = models.TextField(_("lý do thu hồi"), blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "document__agency"
    # Fields that may still change after issue: the version moving to superseded or withdrawn.
    MUTABLE_AFTER_ISSUE: ClassVar[frozenset[str]] = frozenset(
        {"state", "superseded_on", "withdrawn_at", "withdraw_reason", "updated_at"}
    )

    class Meta:
        ordering = ["document", "-issue_no", "-revision_no"]
        verbose_name = _("phiên bản tài liệu")
        verbose_name_plural = _("phiên bản tài liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["document"], condition=Q(state="issued"), name="one_current_issued_version"
            ),
            models.UniqueConstraint(
                fields=["document"], condition=Q(state__in=list(OPEN_STATES)), name="one_open_version"
            ),
            models.UniqueConstraint(
                fields=["document", "issue_no", "revision_no"], name="document_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("drafted_by")),
                name="version_reviewer_not_drafter",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | (~Q(approved_by=F("drafted_by")) & ~Q(approved_by=F("reviewed_by"))),
                name="version_approver_not_drafter_or_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "issued", "superseded"])
                | Q(approved_by__isnull=False, reviewed_by__isnull=False),
                name="version_approved_has_reviewer_and_approver",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["issued", "superseded"]) | Q(effective_from__isnull=False),
                name="version_issued_has_effective_date",
            ),
        ]

    def __str__(self) -> str:
        return _("{code}, lần ban hành {issue}, sửa đổi {revision}").format(
            code=self.document.code, issue=self.issue_no, revision=self.revision_no
        )

    @property
    def label(self) -> str:
        return f"{self.issue_no}.{self.revision_no}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            self._refuse_changes_once_issued(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def _refuse_changes_once_issued(self, update_fields: Any) -> None:
        stored = type(self).objects.filter(pk=self.pk).values("state").first()
        if stored is None or stored["state"] not in FROZEN_STATES:
            return
        if update_fields is None or not set(update_fields) <= self.MUTABLE_AFTER_ISSUE:
            raise ValidationError(_("Phiên bản đã ban hành không được sửa; hãy tạo phiên bản sửa đổi mới."))


class Distribution(TimeStampedModel):
    """An issued version sent to divisions and people, who each confirm they have read it."""

    version = models.ForeignKey(
        DocumentVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="distributions"
    )
    sent_by = models.ForeignKey(
        Person, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    divisions = models.ManyToManyField(Division, verbose_name=_("phòng nhận"), related_name="+", blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "version__document__agency"

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("phân phối tài liệu")
        verbose_name_plural = _("phân phối tài liệu")

    def __str__(self) -> str:
        return _("Phân phối {version}").format(version=self.version)


class Acknowledgement(TimeStampedModel):
    """One person's confirmation that they have read a distributed version (empty until confirmed)."""

    distribution = models.ForeignKey(
        Distribution,
        verbose_name=_("đợt phân phối"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="document_acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("xác nhận đã đọc lúc"), null=True, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "distribution__version__document__agency"

    class Meta:
        ordering = ["distribution", "person__full_name"]
        verbose_name = _("xác nhận đã đọc")
        verbose_name_plural = _("xác nhận đã đọc")
        constraints = [
            models.UniqueConstraint(fields=["distribution", "person"], name="acknowledgement_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.distribution.version}"


class DocumentReview(TimeStampedModel):
    """A periodic review of a document (still fit for use, or to be revised)."""

    document = models.ForeignKey(
        Document, verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = models.DateField(_("ngày xem xét"))
    reviewed_by = models.ForeignKey(
        Person, verbose_name=_("người xem xét"), on_delete=models.PROTECT, related_name="+"
    )
    needs_revision = models.BooleanField(_("cần sửa đổi"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "document__agency"

    class Meta:
        ordering = ["document", "-reviewed_on", "-id"]
        verbose_name = _("lần xem xét định kỳ")
        verbose_name_plural = _("lần xem xét định kỳ")

    def __str__(self) -> str:
        return f"{self.document.code} — {self.reviewed_on:%d/%m/%Y}"


class LegalChangeFlag(TimeStampedModel):
    """A document to update because a legal document it rests on was amended (QĐ 19/2014 Art. 4 cl. 4(a)).

    Due 3 months after the amending document takes effect; resolved by issuing a new version or by
    recording that no change is needed.
    """

    document = models.ForeignKey(
        Document,
        verbose_name=_("tài liệu cần cập nhật"),
        on_delete=models.CASCADE,
        related_name="legal_flags",
    )
    amending = models.ForeignKey(
        Document, verbose_name=_("văn bản sửa đổi"), on_delete=models.CASCADE, related_name="+"
    )
    amended = models.ForeignKey(
        Document, verbose_name=_("văn bản bị sửa đổi"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("hạn cập nhật"), db_index=True)
    resolved_on = models.DateField(_("đã xử lý ngày"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        Person,
        verbose_name=_("người xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("kết quả xử lý"), blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "document__agency"

    class Meta:
        ordering = ["due_on", "document__code"]
        verbose_name = _("thay đổi pháp lý cần cập nhật")
        verbose_name_plural = _("thay đổi pháp lý cần cập nhật")
        constraints = [
            models.UniqueConstraint(fields=["document", "amending"], name="legal_flag_once_per_amendment")
        ]

    def __str__(self) -> str:
        return f"{self.document.code} ← {self.amending.code}"


class DocumentEvaluation(TimeStampedModel):
    """The yearly evaluation of how effective an issued document is (tính hiệu lực của tài liệu)."""

    document = models.ForeignKey(
        Document, verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    result = models.CharField(_("kết quả"), max_length=32, choices=EvaluationResult.choices)
    notes = models.TextField(_("nhận xét"), blank=True)
    evidence = models.TextField(
        _("bằng chứng"), blank=True, help_text=_("Ví dụ: số điểm không phù hợp liên quan, số hồ sơ trễ hạn.")
    )
    evaluated_by = models.ForeignKey(
        Person, verbose_name=_("người đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    evaluated_on = models.DateField(_("ngày đánh giá"))
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "document__agency"

    class Meta:
        ordering = ["-year", "document__code"]
        verbose_name = _("đánh giá hiệu lực tài liệu")
        verbose_name_plural = _("đánh giá hiệu lực tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["document", "year"], name="document_evaluation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.document.code} — {self.year}"
