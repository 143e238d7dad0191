import datetime as dt

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.surveys.models import Questionnaire, SurveyResponse
from eiso.surveys.selectors import satisfaction_breakdown, satisfaction_summary
from eiso.surveys.tests.conftest import respond

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_satisfied_share_counts_overall_ratings_at_or_above_the_threshold(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    for day, overall in [(D(2017, 1, 5), 5), (D(2017, 2, 5), 4), (D(2017, 3, 5), 3), (D(2017, 4, 5), 1)]:
        respond(questionnaire, day, overall)
    respond(questionnaire, D(2018, 1, 5), 2)  # outside the period
    summary = satisfaction_summary(agency=personas.agency, date_from=D(2017, 1, 1), date_to=D(2017, 12, 31))
    assert (summary["responses"], summary["satisfied"], summary["rate"]) == (4, 2, 50.0)
    overall_row = next(r for r in summary["per_question"] if r["text"].startswith("Mức độ hài lòng chung"))
    assert overall_row["mean"] == 3.25  # (5 + 4 + 3 + 1) / 4


def test_a_higher_threshold_changes_who_counts_as_satisfied(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    respond(questionnaire, D(2017, 1, 5), 5)
    respond(questionnaire, D(2017, 1, 6), 4)
    questionnaire.satisfied_threshold = 5
    questionnaire.save()
    summary = satisfaction_summary(agency=personas.agency, date_from=D(2017, 1, 1), date_to=D(2017, 1, 31))
    assert (summary["satisfied"], summary["rate"]) == (1, 50.0)


def test_a_period_without_responses_has_no_rate_rather_than_zero(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    respond(questionnaire, D(2017, 1, 5), 5)
    summary = satisfaction_summary(agency=personas.agency, date_from=D(2016, 1, 1), date_to=D(2016, 12, 31))
    assert (summary["responses"], summary["satisfied"], summary["rate"]) == (0, 0, None)


def test_another_agencys_responses_never_count(personas: Personas, questionnaire: Questionnaire) -> None:
    from eiso.surveys.services import questionnaire_default_create

    other = questionnaire_default_create(agency=personas.other_agency)
    respond(other, D(2017, 1, 5), 1)
    respond(questionnaire, D(2017, 1, 5), 5)
    summary = satisfaction_summary(agency=personas.agency, date_from=D(2017, 1, 1), date_to=D(2017, 12, 31))
    assert (summary["responses"], summary["rate"]) == (1, 100.0)


def test_the_breakdown_groups_responses_by_quarter(personas: Personas, questionnaire: Questionnaire) -> None:
    respond(questionnaire, D(2017, 1, 5), 5)
    respond(questionnaire, D(2017, 2, 5), 2)
    respond(questionnaire, D(2017, 7, 5), 4)
    rows = satisfaction_breakdown(agency=personas.agency, date_from=D(2017, 1, 1), date_to=D(2017, 12, 31))[
        "quarter"
    ]
    assert [(r["quarter"], r["satisfied"], r["valid"], r["rate"]) for r in rows] == [
        (1, 1, 2, 50.0),
        (3, 1, 1, 100.0),
    ]


def test_the_results_page_shows_the_share_as_satisfied_over_valid_and_the_comments(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    respond(questionnaire, D(2017, 1, 5), 5, comment="Cán bộ tận tình")
    respond(questionnaire, D(2017, 1, 6), 4)
    url = reverse("surveys:results")
    html = (
        client_for(personas.viewer)
        .get(url, {"date_from": "2017-01-01", "date_to": "2017-12-31"})
        .content.decode()
    )
    assert "2/2</a> = 100%" in html
    assert "Cán bộ tận tình" in html
    assert "<svg" in html


def test_staff_enter_a_paper_form_with_its_date_and_channel(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    data = {"channel": "paper", "period": "2017-03-02", "dossier_code": ""}
    for question in questionnaire.questions.all():
        if question.kind != "text":
            data[f"q_{question.pk}"] = "2" if question.kind == "tt01_points" else "5"
    response = client_for(personas.officer).post(reverse("surveys:paper_entry"), data)
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert (stored.channel, stored.period, stored.entered_by) == ("paper", D(2017, 3, 2), personas.officer)


def test_a_viewer_cannot_enter_paper_forms(personas: Personas, questionnaire: Questionnaire) -> None:
    assert client_for(personas.viewer).get(reverse("surveys:paper_entry")).status_code == 403


def test_the_qr_page_prints_the_short_link_and_its_qr_code(personas: Personas) -> None:
    html = client_for(personas.secretary).get(reverse("surveys:qr_print")).content.decode()
    assert f"/cong-khai/khao-sat/{personas.agency.code}/" in html
    assert "<svg" in html
    assert "size: A5" in html


def test_the_responses_list_filters_satisfied_ones(personas: Personas, questionnaire: Questionnaire) -> None:
    respond(questionnaire, D(2017, 1, 5), 5)
    respond(questionnaire, D(2017, 1, 6), 2)
    client = client_for(personas.viewer)
    html = client.get(
        reverse("surveys:response_list"),
        {"date_from": "2017-01-01", "date_to": "2017-12-31", "satisfied": "1"},
    ).content.decode()
    assert 'id="response-count">1<' in html


def test_the_qr_page_can_print_the_link_of_one_dossier_for_its_receipt(personas: Personas) -> None:
    html = client_for(personas.officer).get(reverse("surveys:qr_print"), {"ma": "HS-0042"}).content.decode()
    assert f"/cong-khai/khao-sat/{personas.agency.code}/?ma=HS-0042" in html


def test_the_results_page_shows_the_response_rate_over_resolved_dossiers(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    from eiso.dossiers.tests.factories import make_procedure, resolved

    procedure = make_procedure(personas.agency, days="10")
    for n in range(4):
        resolved(procedure, "2017-03-02 09:00", "2017-03-10 10:00", code=f"HS-{n}")
    respond(questionnaire, D(2017, 3, 11), 5)
    html = (
        client_for(personas.viewer)
        .get(reverse("surveys:results"), {"date_from": "2017-01-01", "date_to": "2017-12-31"})
        .content.decode()
    )
    assert "Tỷ lệ phản hồi: 1/4 hồ sơ đã giải quyết = 25%" in html
