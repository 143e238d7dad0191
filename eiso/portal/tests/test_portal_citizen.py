"""What a citizen does on the portal: find a procedure however it is typed, look a dossier up, rate it."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.search import fold, search
from eiso.core.testing import Personas
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.procedures.models import Procedure

pytestmark = pytest.mark.django_db

PUBLISHED: dict[str, Any] = {"published_online_on": dt.date(2016, 6, 1)}


@pytest.fixture
def procedures(personas: Personas) -> list[Procedure]:
    return [
        make_procedure(
            personas.agency, "1.001", name="Cấp giấy phép bưu chính", field="Bưu chính", **PUBLISHED
        ),
        make_procedure(
            personas.agency, "1.002", name="Cấp giấy phép xuất bản bản tin", field="Báo chí", **PUBLISHED
        ),
        make_procedure(
            personas.agency, "1.003", name="Sửa đổi giấy phép BƯU CHÍNH", field="Bưu chính", **PUBLISHED
        ),
    ]


def _list(personas: Personas, q: str) -> str:
    url = reverse("portal:procedure_list", kwargs={"agency_code": personas.agency.code})
    return Client().get(url, {"q": q}).content.decode()


@pytest.mark.parametrize("typed", ["buu chinh", "BƯU CHÍNH", "  Bưu   chính ", "giay phep buu"])
def test_procedure_search_ignores_case_and_accents(
    personas: Personas, procedures: list[Procedure], typed: str
) -> None:
    html = _list(personas, typed)
    assert "Cấp giấy phép bưu chính" in html
    assert "Sửa đổi giấy phép BƯU CHÍNH" in html
    assert "xuất bản bản tin" not in html


def test_the_procedure_list_shows_cards_and_the_agency_name(
    personas: Personas, procedures: list[Procedure]
) -> None:
    html = _list(personas, "")
    assert html.count("eiso-procedure-card") == 3
    assert personas.agency.name in html
    assert "<table" not in html


def test_search_folds_in_the_database_as_in_python(personas: Personas, procedures: list[Procedure]) -> None:
    assert fold("Đường BƯU ĐIỆN") == "duong buu dien"
    found = search(Procedure.objects.filter(agency=personas.agency), "BUU CHINH", "name")
    assert {p.code for p in found} == {"1.001", "1.003"}


def test_dossier_lookup_ignores_case_and_spaces_and_offers_the_survey_when_finished(
    personas: Personas,
) -> None:
    procedure = make_procedure(personas.agency, "2.001", **PUBLISHED)
    done = resolved(procedure, "2017-03-02 09:00", "2017-03-06 10:00", code="000.00.20.H34-170302-0001")
    open_one = received(procedure, "2017-03-02 09:30", code="000.00.20.H34-170302-0002")
    url = reverse("portal:dossier_lookup")

    html = Client().get(url, {"ma": f"  {done.code.lower()}  "}).content.decode()
    assert 'data-testid="lookup-result"' in html
    survey = reverse("portal:survey_form", kwargs={"agency_code": personas.agency.code})
    assert f'href="{survey}?ma={done.code}"' in html

    html = Client().get(url, {"ma": open_one.code.lower()}).content.decode()
    assert 'data-testid="lookup-result"' in html and 'data-testid="rate-dossier"' not in html
