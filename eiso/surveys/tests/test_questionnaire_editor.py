"""The ISO secretary puts a new questionnaire in use from the app; responses already received keep theirs."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.surveys.models import Questionnaire, SurveyResponse

pytestmark = pytest.mark.django_db

URL = reverse("surveys:questionnaire")


def _post(rows: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Phiếu khảo sát năm 2018",
        "intro": "Xin ông/bà cho biết ý kiến.",
        "satisfied_threshold": 4,
        "q-TOTAL_FORMS": len(rows),
        "q-INITIAL_FORMS": 0,
        **fields,
    }
    for n, row in enumerate(rows):
        data.update({f"q-{n}-{key}": value for key, value in row.items() if value is not False})
    return data


def test_the_secretary_publishes_a_new_questionnaire_and_old_responses_keep_the_old_one(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    client = client_for(personas.secretary)
    page = client.get(URL)
    assert page.status_code == 200 and questionnaire.title in page.content.decode()
    answered = SurveyResponse.objects.filter(questionnaire=questionnaire).count()
    rows = [
        {"text": "Thái độ của cán bộ", "kind": "scale5", "required": "on"},
        {"text": "", "kind": "scale5"},  # an empty row is not a question
        {"text": "Mức độ hài lòng chung", "kind": "scale5", "is_overall": "on"},
        {"text": "Góp ý khác", "kind": "text"},
    ]
    answer = client.post(URL, _post(rows))
    assert answer.status_code == 302
    new = Questionnaire.objects.get(agency=personas.agency, active=True)
    assert new.pk != questionnaire.pk and new.satisfied_threshold == 4
    assert list(new.questions.values_list("order", "text", "is_overall")) == [
        (1, "Thái độ của cán bộ", False),
        (2, "Mức độ hài lòng chung", True),
        (3, "Góp ý khác", False),
    ]
    questionnaire.refresh_from_db()
    assert not questionnaire.active and questionnaire.questions.count() == 6
    assert SurveyResponse.objects.filter(questionnaire=questionnaire).count() == answered


@pytest.mark.parametrize(
    "rows",
    [
        [{"text": "Thái độ", "kind": "scale5"}],  # no overall question
        [
            {"text": "Chung 1", "kind": "scale5", "is_overall": "on"},
            {"text": "Chung 2", "kind": "scale5", "is_overall": "on"},
        ],
        [
            {"text": "Chung", "kind": "text", "is_overall": "on"}
        ],  # the overall question must be a 5-level scale
    ],
)
def test_a_questionnaire_without_exactly_one_overall_scale_question_is_refused_keeping_what_was_typed(
    personas: Personas, questionnaire: Questionnaire, rows: list[dict[str, Any]]
) -> None:
    answer = client_for(personas.secretary).post(URL, _post(rows))
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "câu đánh giá chung" in html and rows[0]["text"] in html and "Phiếu khảo sát năm 2018" in html
    assert Questionnaire.objects.get(agency=personas.agency, active=True).pk == questionnaire.pk


def test_only_the_qms_managers_see_and_open_the_editor(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    officer = client_for(personas.officer)
    assert officer.get(URL).status_code == 403
    assert URL not in officer.get(reverse("surveys:results")).content.decode()
    assert URL in client_for(personas.secretary).get(reverse("surveys:results")).content.decode()
