"""Citizen satisfaction surveys: an agency's questionnaire, its questions, and anonymous responses.

A response holds no personal data (NĐ 61/2018 Art. 27): only the optional dossier code, the channel,
the period and the answers. `overall` copies the answer to the overall question so that the satisfied
share is one SQL aggregate.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Division, Person, TimeStampedModel
from eiso.procedures.models import Procedure
from eiso.surveys.choices import Channel, QuestionKind


class Questionnaire(TimeStampedModel):
    """The survey form an agency hands out (each province designs its own, TT 01/2018 Art. 12 cl. 4)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="questionnaires"
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    active = models.BooleanField(_("đang sử dụng"), default=True)
    satisfied_threshold = models.PositiveSmallIntegerField(
        _("ngưỡng hài lòng"),
        default=4,
        help_text=_("Phiếu được tính là hài lòng khi câu đánh giá chung đạt từ mức này trở lên."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "-active", "-id"]
        verbose_name = _("bộ câu hỏi khảo sát")
        verbose_name_plural = _("bộ câu hỏi khảo sát")
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=models.Q(active=True), name="one_active_questionnaire"
            ),
            models.CheckConstraint(
                condition=models.Q(satisfied_threshold__gte=1, satisfied_threshold__lte=5),
                name="questionnaire_threshold_1_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(TimeStampedModel):
    """One question; exactly one question of a questionnaire is the overall rating."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("bộ câu hỏi"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("nội dung câu hỏi"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SCALE5
    )
    required = models.BooleanField(_("bắt buộc"), default=True)
    is_overall = models.BooleanField(_("câu đánh giá chung"), default=False)
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "questionnaire__agency"

    class Meta:
        ordering = ["questionnaire", "order", "id"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire"], condition=models.Q(is_overall=True), name="one_overall_question"
            ),
            models.CheckConstraint(
                condition=~models.Q(is_overall=True) | models.Q(kind="scale5"), name="overall_is_scale5"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(TimeStampedModel):
    """One anonymous filled-in form: online, on paper (typed in by staff) or at the kiosk."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("bộ câu hỏi"), on_delete=models.PROTECT, related_name="responses"
    )
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=64, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("phòng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    period = models.DateField(_("ngày đánh giá"), db_index=True)
    entered_by = models.ForeignKey(
        Person,
        verbose_name=_("người nhập phiếu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    overall = models.PositiveSmallIntegerField(_("đánh giá chung"), null=True, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    client_key = models.CharField(
        _("khóa thiết bị gửi"),
        max_length=64,
        blank=True,
        help_text=_("Băm một chiều địa chỉ gửi phiếu: giới hạn phiếu ẩn danh, không lưu địa chỉ."),
    )
    history = HistoricalRecords()

    agency_path: ClassVar[str] = "questionnaire__agency"

    class Meta:
        ordering = ["-period", "-id"]
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "dossier_code"],
                condition=~models.Q(dossier_code=""),
                name="one_response_per_dossier_code",
            )
        ]
        indexes = [
            models.Index(fields=["questionnaire", "period"], name="survey_response_period_idx"),
            models.Index(fields=["client_key", "submitted_at"], name="survey_response_client_idx"),
        ]

    def __str__(self) -> str:
        return _("Phiếu khảo sát #{id}").format(id=self.pk)


class Answer(models.Model):
    """The answer to one question: a scale value (1–5 or 0–2 points) or free text."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("câu hỏi"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.SmallIntegerField(_("điểm"), null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)

    agency_path: ClassVar[str] = "response__questionnaire__agency"

    class Meta:
        ordering = ["response", "question__order"]
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value if self.value is not None else self.text}"
