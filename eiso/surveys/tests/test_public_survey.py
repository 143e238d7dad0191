import re

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.surveys.models import Questionnaire, SurveyResponse
from eiso.surveys.tests.conftest import answers_for

pytestmark = pytest.mark.django_db


def _post_data(questionnaire: Questionnaire, overall: int = 5, code: str = "") -> dict[str, str]:
    data = {f"q_{pk}": str(value) for pk, value in answers_for(questionnaire, overall).items()}
    data["dossier_code"] = code
    return data


def test_a_citizen_opens_the_survey_from_the_short_link_without_logging_in(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    html = Client().get(url, {"ma": "000.00.17.H32-170105-0001"}).content.decode()
    assert "Rất không hài lòng" in html
    assert "Rất hài lòng" in html
    assert 'value="000.00.17.H32-170105-0001"' in html
    assert "csrfmiddlewaretoken" in html


def test_the_start_page_sends_the_citizen_to_the_chosen_agency_with_the_code(personas: Personas) -> None:
    parent = personas.other_agency
    personas.agency.parent = parent
    personas.agency.save()
    response = Client().get(reverse("portal:survey_start"), {"agency": personas.agency.code, "ma": "HS-1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/cong-khai/khao-sat/{personas.agency.code}/?ma=HS-1")


def _finished(personas: Personas, code: str) -> str:
    procedure = make_procedure(personas.agency, code=f"P-{code}")
    return resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00", code=code).code


def test_a_valid_submission_is_stored_anonymously_and_thanks_the_citizen(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    code = _finished(personas, "HS-1")
    response = Client(enforce_csrf_checks=False).post(url, _post_data(questionnaire, overall=4, code=code))
    assert response.status_code == 302, re.findall(
        r"invalid-feedback[^>]*>([^<]*)", response.content.decode()
    )
    stored = SurveyResponse.objects.get()
    assert (stored.dossier_code, stored.overall, stored.channel, stored.entered_by) == (
        "HS-1",
        4,
        "online",
        None,
    )
    assert stored.answers.count() == 5  # the empty free-text answer is not stored


def test_a_second_response_for_the_same_dossier_code_is_rejected_with_a_clear_message(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    _finished(personas, "HS-7")
    Client().post(url, _post_data(questionnaire, code="HS-7"))
    response = Client().post(url, _post_data(questionnaire, code="HS-7"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hồ sơ HS-7 đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần." in html
    assert 'id="id_dossier_code_error"' in html
    assert SurveyResponse.objects.count() == 1


def test_one_client_sends_at_most_three_anonymous_responses_a_day(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    for _ in range(3):
        Client().post(url, _post_data(questionnaire))
    refused = Client().post(url, _post_data(questionnaire))
    assert refused.status_code == 200 and "trong 24 giờ qua" in refused.content.decode()
    Client(REMOTE_ADDR="203.0.113.9").post(url, _post_data(questionnaire))
    assert SurveyResponse.objects.count() == 4
    assert SurveyResponse.objects.exclude(client_key="").values("client_key").distinct().count() == 2


@pytest.mark.parametrize("case", ["unknown", "unfinished", "other agency"])
def test_a_response_naming_a_dossier_needs_a_finished_dossier_of_the_agency(
    personas: Personas, questionnaire: Questionnaire, case: str
) -> None:
    code = "KHONG-CO"
    if case == "unfinished":
        code = received(make_procedure(personas.agency), "2017-03-02 09:00", code="HS-DANG-XU-LY").code
    elif case == "other agency":
        code = _finished(personas, "HS-KHAC")
        from eiso.dossiers.models import Dossier

        Dossier.objects.filter(code=code).update(agency=personas.other_agency)
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    response = Client().post(url, _post_data(questionnaire, code=code))
    assert response.status_code == 200
    assert f"Không tìm thấy hồ sơ {code} đã giải quyết xong" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_invalid_submission_gets_a_message_next_to_each_faulty_question(
    personas: Personas, questionnaire: Questionnaire
) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    data = _post_data(questionnaire)
    overall = questionnaire.questions.get(is_overall=True)
    attitude = questionnaire.questions.get(order=2)
    del data[f"q_{overall.pk}"]
    data[f"q_{attitude.pk}"] = "9"
    html = Client().post(url, data).content.decode()
    assert f'id="id_q_{overall.pk}_error"' in html
    assert f'id="id_q_{attitude.pk}_error"' in html
    assert "Vui lòng chọn một mức đánh giá." in html
    assert SurveyResponse.objects.count() == 0


def test_the_public_survey_is_rate_limited_per_address(
    personas: Personas, questionnaire: Questionnaire, settings: object
) -> None:
    settings.EISO_PUBLIC_RATE_PER_MINUTE = 2  # type: ignore[attr-defined]
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    statuses = [Client().post(url, _post_data(questionnaire)).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_the_survey_refuses_csrf_less_posts(personas: Personas, questionnaire: Questionnaire) -> None:
    url = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    response = Client(enforce_csrf_checks=True).post(url, _post_data(questionnaire))
    assert response.status_code == 403


def test_an_unknown_agency_code_is_not_found() -> None:
    assert Client().get(reverse("portal:survey_form", kwargs={"agency_code": "NOPE"})).status_code == 404
