"""Writes of the surveys area: the default questionnaire and the recording of a response."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eiso.core.models import Agency, Person
from eiso.core.services import event_record
from eiso.dossiers.choices import FINISHED
from eiso.dossiers.models import Dossier
from eiso.surveys.choices import Channel, QuestionKind
from eiso.surveys.models import Answer, Question, Questionnaire, SurveyResponse

DEFAULT_TITLE = "Phiếu khảo sát mức độ hài lòng của tổ chức, công dân"
DEFAULT_INTRO = (
    "Ý kiến của Quý vị giúp cơ quan nâng cao chất lượng phục vụ. Phiếu không yêu cầu thông tin cá nhân."
)
# order, text, kind, required, is_overall
DEFAULT_QUESTIONS: list[tuple[int, str, str, bool, bool]] = [
    (1, "Thời gian trả kết quả so với giấy hẹn", QuestionKind.SCALE5, True, False),
    (2, "Thái độ, tinh thần phục vụ của cán bộ, công chức", QuestionKind.SCALE5, True, False),
    (3, "Sự rõ ràng, đầy đủ của thủ tục hành chính được công khai", QuestionKind.SCALE5, True, False),
    (4, "Số lần phải đi lại để hoàn thành hồ sơ", QuestionKind.TT01_POINTS, False, False),
    (5, "Mức độ hài lòng chung về việc giải quyết thủ tục hành chính", QuestionKind.SCALE5, True, True),
    (6, "Ý kiến góp ý khác", QuestionKind.TEXT, False, False),
]


@transaction.atomic
def questionnaire_default_create(*, agency: Agency, actor: Person | None = None) -> Questionnaire:
    """The agency's active questionnaire, creating the default one (5-level scale) if there is none."""
    existing = Questionnaire.objects.filter(agency=agency, active=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _default_questionnaire(agency=agency, actor=actor)
    except IntegrityError:  # citizens opened the first survey at the same moment: another request made it
        return Questionnaire.objects.get(agency=agency, active=True)


def _default_questionnaire(*, agency: Agency, actor: Person | None) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(agency=agency, title=DEFAULT_TITLE, intro=DEFAULT_INTRO)
    for order, text, kind, required, is_overall in DEFAULT_QUESTIONS:
        Question.objects.create(
            questionnaire=questionnaire,
            order=order,
            text=text,
            kind=kind,
            required=required,
            is_overall=is_overall,
        )
    event_record(agency=agency, actor=actor, verb="questionnaire.created", target=questionnaire)
    return questionnaire


# Anonymous online responses (no dossier code) from one client within a day: more are refused, so that
# one person cannot stuff the satisfaction rate.
ANONYMOUS_PER_CLIENT_PER_DAY = 3


def client_key_for(address: str) -> str:
    """A one-way key of the client's address: enough to throttle, not enough to find the citizen."""
    if not address:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:survey:{address}".encode()).hexdigest()[:64]


def _finished_dossier(agency: Agency, code: str) -> dict[str, Any] | None:
    """id, procedure_id and division_id of the agency's finished dossier with this code, or None."""
    row = (
        Dossier.objects.filter(agency=agency, code=code, status__in=FINISHED)
        .values("id", "procedure_id", "division_id")
        .first()
    )
    return dict(row) if row else None


def _check_client(questionnaire: Questionnaire, client_key: str, now: dt.datetime) -> None:
    recent = SurveyResponse.objects.filter(
        questionnaire__agency=questionnaire.agency,
        client_key=client_key,
        dossier_code="",
        submitted_at__gt=now - dt.timedelta(days=1),
    ).count()
    if recent >= ANONYMOUS_PER_CLIENT_PER_DAY:
        raise ValidationError(
            _(
                "Quý vị đã gửi {count} phiếu không kèm mã hồ sơ trong 24 giờ qua. Vui lòng nhập mã hồ sơ đã "
                "giải quyết để gửi thêm đánh giá."
            ).format(count=recent),
            code="throttled",
        )


def _valid_range(question: Question) -> range:
    return range(0, 3) if question.kind == QuestionKind.TT01_POINTS else range(1, 6)


@transaction.atomic
def survey_response_submit(
    *,
    questionnaire: Questionnaire,
    answers: dict[int, Any],
    dossier_code: str = "",
    channel: str = Channel.ONLINE,
    period: dt.date | None = None,
    entered_by: Person | None = None,
    submitted_at: dt.datetime | None = None,
    client_key: str = "",
) -> SurveyResponse:
    """Record one anonymous response. `answers` maps question id to an int (scales) or a str (text).

    A response naming a dossier is accepted only when the code is one of the agency's finished dossiers
    (and counts for it once); a response without a code is anonymous, and one client (`client_key`, see
    `client_key_for`) sends at most ANONYMOUS_PER_CLIENT_PER_DAY of them a day.

    Raises ValidationError keyed by field ("dossier_code", "q_<id>") so forms show each message in place.
    """
    dossier_code = (dossier_code or "").strip()
    agency = questionnaire.agency
    errors: dict[str, list[str]] = {}
    if not questionnaire.active and channel == Channel.ONLINE:
        raise ValidationError(_("Bộ câu hỏi này đã ngừng sử dụng."))
    now = submitted_at or timezone.now()
    links = _finished_dossier(agency, dossier_code) if dossier_code else {}
    if links is None:
        errors["dossier_code"] = [
            _(
                "Không tìm thấy hồ sơ {code} đã giải quyết xong tại cơ quan này. Kiểm tra mã trên giấy hẹn."
            ).format(code=dossier_code)
        ]
    elif not dossier_code and client_key:
        _check_client(questionnaire, client_key, now)
    if (
        dossier_code
        and SurveyResponse.objects.filter(questionnaire=questionnaire, dossier_code=dossier_code).exists()
    ):
        errors["dossier_code"] = [
            _("Hồ sơ {code} đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.").format(code=dossier_code)
        ]
    questions = list(questionnaire.questions.all())
    cleaned: list[tuple[Question, int | None, str]] = []
    for question in questions:
        raw = answers.get(question.pk)
        if question.kind == QuestionKind.TEXT:
            text = str(raw or "").strip()
            if question.required and not text:
                errors[f"q_{question.pk}"] = [_("Vui lòng trả lời câu hỏi này.")]
            cleaned.append((question, None, text))
            continue
        if raw in (None, ""):
            if question.required:
                errors[f"q_{question.pk}"] = [_("Vui lòng chọn một mức đánh giá.")]
            cleaned.append((question, None, ""))
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if value not in _valid_range(question):
            errors[f"q_{question.pk}"] = [_("Mức đánh giá không hợp lệ.")]
            continue
        cleaned.append((question, value, ""))
    if errors:
        raise ValidationError(errors)

    overall = next((value for question, value, _text in cleaned if question.is_overall), None)
    comment = "\n".join(text for _q, _v, text in cleaned if text)
    links = links or {}
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                questionnaire=questionnaire,
                dossier_code=dossier_code,
                dossier_id=links.get("id"),
                procedure_id=links.get("procedure_id"),
                division_id=links.get("division_id"),
                channel=channel,
                submitted_at=now,
                period=period or timezone.localdate(now),
                entered_by=entered_by,
                overall=overall,
                comment=comment,
                client_key=client_key,
            )
    except IntegrityError as exc:  # a concurrent response for the same dossier code
        raise ValidationError(
            {
                "dossier_code": [
                    _("Hồ sơ {code} đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.").format(
                        code=dossier_code
                    )
                ]
            }
        ) from exc
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=question, value=value, text=text)
            for question, value, text in cleaned
            if value is not None or text
        ]
    )
    event_record(
        agency=agency,
        actor=entered_by,
        verb="survey_response.submitted",
        target=response,
        data={"channel": channel},
    )
    return response


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    kind: str
    required: bool
    is_overall: bool


def questionnaire_publish(
    *,
    agency: Agency,
    actor: Person,
    title: str,
    intro: str,
    satisfied_threshold: int,
    questions: list[QuestionSpec],
) -> Questionnaire:
    """Put a new questionnaire in use. The one in use until now is kept unchanged (its responses answered
    its questions), so changing the form is publishing a new one, never editing the old."""
    overall = [q for q in questions if q.is_overall]
    if not questions:
        raise ValidationError(_("Bộ câu hỏi cần ít nhất một câu hỏi."))
    if len(overall) != 1 or overall[0].kind != QuestionKind.SCALE5:
        raise ValidationError(
            _("Bộ câu hỏi cần đúng một câu đánh giá chung, loại thang 5 mức (dùng để tính tỷ lệ hài lòng).")
        )
    with transaction.atomic():
        Questionnaire.objects.filter(agency=agency, active=True).update(active=False)
        questionnaire = Questionnaire.objects.create(
            agency=agency, title=title, intro=intro, satisfied_threshold=satisfied_threshold
        )
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                order=order,
                text=spec.text,
                kind=spec.kind,
                required=spec.required or spec.is_overall,
                is_overall=spec.is_overall,
            )
            for order, spec in enumerate(questions, start=1)
        )
        event_record(agency=agency, actor=actor, verb="questionnaire.published", target=questionnaire)
    return questionnaire
