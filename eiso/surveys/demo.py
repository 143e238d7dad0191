"""Demo surveys: the default questionnaire and the 54 satisfied forms of the 2017 article (all before
01/08/2017), plus a handful of varied answers later in 2017 and in 2018. Re-runnable: a response is found
by its submission time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from eiso.core.demo import DemoContext
from eiso.surveys.choices import Channel, QuestionKind
from eiso.surveys.models import Answer, Question, SurveyResponse
from eiso.surveys.services import questionnaire_default_create

SATISFIED_2017 = 54
COMMENTS = {
    3: "Cán bộ hướng dẫn tận tình, hồ sơ trả sớm hơn giấy hẹn.",
    17: "Nên bổ sung chỗ ngồi chờ tại Bộ phận một cửa.",
    29: "Thủ tục niêm yết rõ ràng, dễ hiểu.",
    44: "Đề nghị gửi tin nhắn khi có kết quả.",
}
# period, overall, other scale answers, tt01 points, comment
LATER = [
    (dt.date(2017, 9, 12), 5, 5, 2, ""),
    (dt.date(2017, 10, 4), 3, 3, 1, "Phải đi lại hai lần để bổ sung giấy tờ."),
    (dt.date(2017, 11, 20), 4, 4, 2, ""),
    (dt.date(2018, 2, 6), 2, 2, 0, "Trả kết quả trễ hẹn, không được báo trước."),
    (dt.date(2018, 3, 15), 5, 4, 2, ""),
    (dt.date(2018, 4, 10), 4, 4, 1, ""),
]


def _dossiers(ctx: DemoContext) -> list[dict[str, Any]]:
    """The demo's dossiers finished before 25/07/2017 (if the dossiers module loaded them), by finish date."""
    try:
        dossier_model = apps.get_model("dossiers", "Dossier")
    except LookupError:
        return []
    return [
        dict(row)
        for row in dossier_model._default_manager.filter(
            agency=ctx.agency, finished_on__gte=dt.date(2017, 1, 1), finished_on__lt=dt.date(2017, 7, 25)
        )
        .order_by("finished_on", "code")
        .values("id", "code", "procedure_id", "division_id", "finished_on")
    ]


def _at(day: dt.date, index: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8 + index % 8, (index * 7) % 60)))


@transaction.atomic
def load(ctx: DemoContext) -> None:
    questionnaire = questionnaire_default_create(agency=ctx.agency)
    questions = list(questionnaire.questions.order_by("order"))
    secretary = ctx.people.get("thuky")
    dossiers = _dossiers(ctx)
    next_dossier = 0
    rows = []
    start = dt.date(2017, 1, 5)
    for i in range(SATISFIED_2017):
        day = start + dt.timedelta(days=(i * 204) // SATISFIED_2017)  # 05/01/2017 … 24/07/2017
        overall = 5 if i % 3 else 4
        link: dict[str, Any] = {}
        # every other form names the dossier it rates: one finished by that day, each dossier once
        if i % 2 == 0 and next_dossier < len(dossiers) and dossiers[next_dossier]["finished_on"] <= day:
            link = dossiers[next_dossier]
            next_dossier += 1
        rows.append((i, day, overall, 4 + (i % 2), 2 if i % 5 else 1, COMMENTS.get(i, ""), link))
    for j, (day, overall, other, points, comment) in enumerate(LATER):
        rows.append((SATISFIED_2017 + j, day, overall, other, points, comment, {}))

    for index, day, overall, other, points, comment, link in rows:
        paper = index % 3 == 0
        response, _ = SurveyResponse.objects.update_or_create(
            questionnaire=questionnaire,
            submitted_at=_at(day, index),
            defaults={
                "dossier_code": str(link.get("code", "")),
                "dossier_id": link.get("id"),
                "procedure_id": link.get("procedure_id"),
                "division_id": link.get("division_id"),
                "channel": Channel.PAPER if paper else Channel.ONLINE,
                "entered_by": secretary if paper else None,
                "period": day,
                "overall": overall,
                "comment": comment,
            },
        )
        for question in questions:
            value, text = _answer(question, overall, other, points, comment)
            if value is None and not text:
                Answer.objects.filter(response=response, question=question).delete()
                continue
            Answer.objects.update_or_create(
                response=response, question=question, defaults={"value": value, "text": text}
            )


def _answer(
    question: Question, overall: int, other: int, points: int, comment: str
) -> tuple[int | None, str]:
    if question.is_overall:
        return overall, ""
    if question.kind == QuestionKind.TEXT:
        return None, comment
    if question.kind == QuestionKind.TT01_POINTS:
        return points, ""
    return other, ""
