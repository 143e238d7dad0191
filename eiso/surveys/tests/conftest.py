from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from eiso.core.testing import Personas
from eiso.surveys.models import Questionnaire
from eiso.surveys.services import questionnaire_default_create, survey_response_submit


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


@pytest.fixture
def questionnaire(personas: Personas) -> Questionnaire:
    return questionnaire_default_create(agency=personas.agency)


def answers_for(
    questionnaire: Questionnaire, overall: int, other: int = 4, comment: str = ""
) -> dict[int, Any]:
    result: dict[int, Any] = {}
    for question in questionnaire.questions.all():
        if question.is_overall:
            result[question.pk] = overall
        elif question.kind == "text":
            result[question.pk] = comment
        elif question.kind == "tt01_points":
            result[question.pk] = 2
        else:
            result[question.pk] = other
    return result


def respond(questionnaire: Questionnaire, day: dt.date, overall: int, **kwargs: Any) -> Any:
    return survey_response_submit(
        questionnaire=questionnaire,
        answers=answers_for(questionnaire, overall, comment=kwargs.pop("comment", "")),
        period=day,
        **kwargs,
    )
