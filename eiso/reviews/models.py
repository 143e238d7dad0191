"""The management review (ISO 9001 cl. 9.3): the meeting, its compiled inputs, its decisions, the register
of changes relevant to the QMS, the register of external providers and their evaluations, next year's plan
and the QMS records (announcement, confirmation of effectiveness)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.reviews.choices import (
    ActionState,
    Attendance,
    ChangeKind,
    DecisionKind,
    ProviderKind,
    ProviderResult,
    RecordKind,
    ReviewState,
)

# TT 116/2015/TT-BTC Art. 4 cl. 6: maintenance and continual improvement, at most 15 million VND a year.
INTERNAL_AUDIT_BUDGET_CAP_VND = 15_000_000


class ManagementReview(TimeStampedModel):
    """The yearly management review meeting of an agency (one per year)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="management_reviews"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    planned_on = models.DateField(_("ngày họp dự kiến"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(Person, verbose_name=_("chủ trì"), on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(
        Person, verbose_name=_("thư ký"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(
        Person, verbose_name=_("thành phần"), through="ReviewParticipant", related_name="+", blank=True
    )
    inputs_as_of = models.DateField(_("số liệu tính đến ngày"), null=True, blank=True)
    inputs_collected_at = models.DateTimeField(_("tổng hợp đầu vào lúc"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=24, choices=ReviewState.choices, default=ReviewState.PLANNED
    )
    held_on = models.DateField(_("ngày họp"), null=True, blank=True)
    started_at = models.TimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.TimeField(_("kết thúc lúc"), null=True, blank=True)
    discussion = models.TextField(_("ý kiến thảo luận"), blank=True)
    conclusion = models.TextField(_("kết luận chung"), blank=True)
    minutes_number = models.CharField(_("số biên bản"), max_length=32, blank=True)
    # Nullable so that SQLite adds the column in place instead of rebuilding a table its triggers name.
    notice_number = models.CharField(_("số thông báo kết luận"), max_length=32, null=True, blank=True)
    minutes_issued_on = models.DateField(_("ngày ban hành biên bản"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("cuộc họp xem xét của lãnh đạo")
        verbose_name_plural = _("cuộc họp xem xét của lãnh đạo")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_review_per_agency_year")]

    def __str__(self) -> str:
        return _("Xem xét của lãnh đạo năm {year}").format(year=self.year)

    @property
    def is_frozen(self) -> bool:
        return self.state not in (ReviewState.PLANNED, ReviewState.INPUTS_COLLECTED)


class ReviewParticipant(TimeStampedModel):
    """A person invited to the review, and whether they attended."""

    review = models.ForeignKey(
        ManagementReview, verbose_name=_("cuộc họp"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(
        _("tham dự"), max_length=16, choices=Attendance.choices, default=Attendance.INVITED
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "review__agency"

    class Meta:
        ordering = ["review", "person__full_name"]
        verbose_name = _("thành phần tham dự")
        verbose_name_plural = _("thành phần tham dự")
        constraints = [models.UniqueConstraint(fields=["review", "person"], name="review_participant_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_attendance_display()})"


class ReviewInput(TimeStampedModel):
    """One compiled input section (ISO 9001 cl. 9.3.2) of a review: a frozen JSON snapshot and commentary."""

    review = models.ForeignKey(
        ManagementReview, verbose_name=_("cuộc họp"), on_delete=models.CASCADE, related_name="inputs"
    )
    key = models.CharField(_("mã mục"), max_length=32)
    clause = models.CharField(_("điều khoản 9.3.2"), max_length=16)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    data = models.JSONField(_("số liệu"), default=dict, blank=True)
    chart_svg = models.TextField(_("biểu đồ (SVG)"), blank=True)
    commentary = models.TextField(_("nhận xét của thư ký"), blank=True)
    history = HistoricalRecords(excluded_fields=["chart_svg"])

    agency_path: ClassVar[str] = "review__agency"

    class Meta:
        ordering = ["review", "order"]
        verbose_name = _("đầu vào xem xét")
        verbose_name_plural = _("đầu vào xem xét")
        constraints = [models.UniqueConstraint(fields=["review", "key"], name="review_input_key_unique")]

    def __str__(self) -> str:
        return self.title


class ReviewDecision(TimeStampedModel):
    """A conclusion or directive of the review (cl. 9.3.3), tracked as an action until done or cancelled."""

    review = models.ForeignKey(
        ManagementReview, verbose_name=_("cuộc họp"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("phân loại"), max_length=16, choices=DecisionKind.choices)
    text = models.TextField(_("nội dung"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("người chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_division = models.ForeignKey(
        Division,
        verbose_name=_("phòng chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("kinh phí (đồng)"), null=True, blank=True)
    is_internal_audit_budget = models.BooleanField(
        _("kinh phí đánh giá nội bộ"),
        default=False,
        help_text=_("Kinh phí duy trì, cải tiến HTQLCL: tối đa 15.000.000 đồng/năm (TT 116/2015, Điều 4)."),
    )
    budget_year = models.PositiveSmallIntegerField(_("năm ngân sách"), null=True, blank=True)
    state = models.CharField(
        _("tình trạng"), max_length=16, choices=ActionState.choices, default=ActionState.OPEN
    )
    result_note = models.TextField(_("kết quả thực hiện"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "review__agency"

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("kết luận, chỉ đạo")
        verbose_name_plural = _("kết luận, chỉ đạo")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_vnd__isnull=True) | models.Q(kind=DecisionKind.RESOURCE_NEED),
                name="decision_amount_only_for_resources",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class QmsChange(TimeStampedModel):
    """An external or internal change relevant to the QMS (9.3.2 b); laws are folded in within 3 months."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="qms_changes"
    )
    kind = models.CharField(_("loại thay đổi"), max_length=16, choices=ChangeKind.choices)
    title = models.CharField(_("nội dung thay đổi"), max_length=500)
    reference = models.CharField(_("số hiệu văn bản"), max_length=128, blank=True)
    effective_on = models.DateField(_("ngày hiệu lực"))
    effect_on_documents = models.TextField(_("ảnh hưởng đến tài liệu HTQLCL"), blank=True)
    documents_updated_on = models.DateField(_("ngày cập nhật tài liệu"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-effective_on", "id"]
        verbose_name = _("thay đổi liên quan đến HTQLCL")
        verbose_name_plural = _("thay đổi liên quan đến HTQLCL")

    def __str__(self) -> str:
        return self.title


class QmsPlan(TimeStampedModel):
    """Next year's QMS planning (hoạch định HTQLCL), created from a review."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="qms_plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    source_review = models.ForeignKey(
        ManagementReview, verbose_name=_("từ cuộc họp"), on_delete=models.PROTECT, related_name="plans"
    )
    audit_divisions = models.ManyToManyField(
        Division, verbose_name=_("các phòng được đánh giá nội bộ"), related_name="+", blank=True
    )
    objectives_copied = models.BooleanField(_("đã sao chép mục tiêu chất lượng"), default=False)
    audit_programme_created = models.BooleanField(_("đã lập chương trình đánh giá nội bộ"), default=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords(m2m_fields=[audit_divisions])

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("hoạch định HTQLCL")
        verbose_name_plural = _("hoạch định HTQLCL")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_qms_plan_per_year")]

    def __str__(self) -> str:
        return _("Hoạch định HTQLCL năm {year}").format(year=self.year)


class BudgetLine(TimeStampedModel):
    """A budget line of a year's plan (TT 116/2015 Art. 3 items)."""

    plan = models.ForeignKey(
        QmsPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    item = models.CharField(_("nội dung chi"), max_length=255)
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    is_internal_audit = models.BooleanField(_("chi đánh giá nội bộ"), default=False)
    decision = models.ForeignKey(
        ReviewDecision, verbose_name=_("theo kết luận"), on_delete=models.SET_NULL, null=True, blank=True
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "plan__agency"

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")

    def __str__(self) -> str:
        return self.item


class QmsRecord(TimeStampedModel):
    """A QMS record signed by the head: announcement of conformity, or confirmation of effectiveness."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="qms_records"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=RecordKind.choices)
    number = models.CharField(_("số"), max_length=32, blank=True)
    issued_on = models.DateField(_("ngày ký"))
    signed_by = models.ForeignKey(
        Person, verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.TextField(_("phạm vi"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-issued_on", "id"]
        verbose_name = _("hồ sơ HTQLCL")
        verbose_name_plural = _("hồ sơ HTQLCL")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()


class ExternalProvider(TimeStampedModel):
    """An external provider whose service is part of the agency's one-stop service (ISO 9001 8.4): the
    public postal service carrying dossiers and results, the vendor of the one-stop software..."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="external_providers"
    )
    name = models.CharField(_("tên nhà cung cấp"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=ProviderKind.choices)
    service = models.TextField(_("sản phẩm, dịch vụ cung cấp"))
    contract = models.CharField(_("hợp đồng, văn bản thỏa thuận"), max_length=255, blank=True)
    since = models.DateField(_("sử dụng từ ngày"))
    until = models.DateField(_("ngừng sử dụng từ ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("nhà cung cấp bên ngoài")
        verbose_name_plural = _("nhà cung cấp bên ngoài")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="external_provider_name_unique"),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="external_provider_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProviderEvaluation(TimeStampedModel):
    """One evaluation of an external provider's performance over a period, against a stated criterion, with
    the count behind it when there is one (e.g. 37 of 38 dossiers delivered on time)."""

    provider = models.ForeignKey(
        ExternalProvider,
        verbose_name=_("nhà cung cấp"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    evaluated_on = models.DateField(_("ngày đánh giá"))
    period_from = models.DateField(_("kỳ đánh giá từ ngày"))
    period_to = models.DateField(_("kỳ đánh giá đến ngày"))
    criterion = models.CharField(_("tiêu chí"), max_length=500)
    met = models.PositiveIntegerField(_("số lượt đạt"), null=True, blank=True)
    total = models.PositiveIntegerField(_("tổng số lượt"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=16, choices=ProviderResult.choices)
    note = models.TextField(_("nhận xét"), blank=True)
    evaluated_by = models.ForeignKey(
        Person, verbose_name=_("người đánh giá"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "provider__agency"

    class Meta:
        ordering = ["provider", "-evaluated_on", "-id"]
        verbose_name = _("đánh giá nhà cung cấp")
        verbose_name_plural = _("đánh giá nhà cung cấp")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from"))
                & models.Q(evaluated_on__gte=models.F("period_to")),
                name="provider_evaluation_dates_order",
            ),
            models.CheckConstraint(
                condition=(models.Q(met__isnull=True) & models.Q(total__isnull=True))
                | (models.Q(total__gt=0) & models.Q(met__lte=models.F("total"))),
                name="provider_evaluation_count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} · {self.evaluated_on:%d/%m/%Y}"
