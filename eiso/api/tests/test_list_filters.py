"""The API lists procedures, nonconformities and risks through the FilterSets of their pages and exports."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from eiso.api.tests.keys import bearer, key_for
from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure
from eiso.improvements import services as improvements
from eiso.risks import services as risks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _risk(p: Personas, code: str, kind: str) -> None:
    risks.risk_register(
        agency=p.agency,
        actor=p.secretary,
        code=code,
        kind=kind,
        description=code,
        likelihood=3,
        impact=3,
        identified_on=dt.date(2017, 2, 1),
    )


def _page_count(p: Personas, url: str, params: dict[str, str]) -> int:
    page = client_for(p.secretary).get(url, params).content.decode()
    match = re.search(r'data-row-count="(\d+)"', page)
    assert match
    return int(match.group(1))


def test_the_api_filters_risks_as_the_register_page_does(personas: Personas, client: Client) -> None:
    for code, kind in [("R1", "risk"), ("R2", "risk"), ("C1", "opportunity")]:
        _risk(personas, code, kind)
    raw = key_for(personas.agency)
    for params in ({"kind": "opportunity"}, {"kind": "risk", "q": "R2"}, {}):
        items = client.get("/api/v1/risks", params, headers=bearer(raw)).json()["items"]
        assert len(items) == _page_count(personas, reverse("risks:list"), params)
    assert [
        i["code"]
        for i in client.get("/api/v1/risks", {"kind": "opportunity"}, headers=bearer(raw)).json()["items"]
    ] == ["C1"]


def test_the_api_filters_procedures_and_nonconformities_with_the_pages_filters(
    personas: Personas, client: Client
) -> None:
    make_procedure(personas.agency, "1.001", in_scope=False)
    make_procedure(personas.agency, "1.002")
    for day in (1, 20):
        improvements.nonconformity_raise(
            agency=personas.agency,
            actor=personas.secretary,
            description=f"NC {day}",
            raised_on=dt.date(2017, 8, day),
        )
    raw = key_for(personas.agency)
    procedures = client.get("/api/v1/procedures", {"in_scope": "1"}, headers=bearer(raw)).json()["items"]
    assert [p["code"] for p in procedures] == ["1.002"]
    params = {"date_from": "2017-08-10"}
    ncs = client.get("/api/v1/nonconformities", params, headers=bearer(raw)).json()["items"]
    assert [n["description"] for n in ncs] == ["NC 20"]
    assert len(ncs) == _page_count(personas, reverse("improvements:nc_list"), params)


def test_an_invalid_filter_is_refused_with_the_field_named(personas: Personas, client: Client) -> None:
    response = client.get("/api/v1/risks", {"kind": "nothing"}, headers=bearer(key_for(personas.agency)))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"


@pytest.mark.parametrize(
    "since", ["7216-04-27T00:34:33-22:15", "2017-03-01T00:00:00+14:00", "2017-03-01T00:00"]
)
def test_updated_since_with_any_offset_python_accepts_answers_without_a_server_error(
    personas: Personas, client: Client, since: str
) -> None:
    """PostgreSQL refuses offsets beyond ±15:59 that Python accepts: the API hands it the moment in UTC."""
    response = client.get(
        "/api/v1/dossiers", {"updated_since": since}, headers=bearer(key_for(personas.agency))
    )
    assert response.status_code == 200 and response.json()["items"] == []
