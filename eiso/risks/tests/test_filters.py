"""The register's filters keep exactly the rows a reader means: any combination of search, kind, level,
status, division, owner and identification dates gives the rows the plain definition gives."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.search import fold
from eiso.core.testing import Personas, client_for
from eiso.risks import services
from eiso.risks.filters import RiskFilter
from eiso.risks.models import Risk
from eiso.risks.selectors import risk_list

pytestmark = pytest.mark.django_db

START = dt.date(2017, 1, 1)

rows = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["risk", "opportunity"]),
            "likelihood": st.integers(1, 5),
            "impact": st.integers(1, 5),
            "day": st.integers(0, 90),
            "division": st.sampled_from([None, "office", "division"]),
            "owner": st.sampled_from([None, "officer", "division_head"]),
            "word": st.sampled_from(["hồ sơ", "nhân sự", "máy chủ"]),
            "end": st.sampled_from(["open", "open", "cancelled"]),
        }
    ),
    max_size=10,
)
filters = st.fixed_dictionaries(
    {},
    optional={
        # the search ignores case and Vietnamese accents (eiso.core.search), on SQLite as on PostgreSQL
        "q": st.sampled_from(["hồ sơ", "MÁY", "may chu", "HO SO", "r0", "nothing"]),
        "kind": st.sampled_from(["risk", "opportunity"]),
        "level": st.sampled_from(["low", "medium", "high"]),
        "status": st.sampled_from(["open", "cancelled", "closed"]),
        "division": st.sampled_from(["office", "division"]),
        "owner": st.sampled_from(["officer", "division_head"]),
        "date_from": st.integers(0, 90),
        "date_to": st.integers(0, 90),
    },
)


def _level(score: int) -> str:
    return "high" if score >= 12 else "medium" if score >= 5 else "low"


def _matches(code: str, row: dict[str, Any], chosen: dict[str, Any]) -> bool:
    text = f"{code} Rủi ro về {row['word']}".lower()
    day = START + dt.timedelta(days=row["day"])
    checks = {
        "q": lambda v: all(word in fold(text) for word in fold(v).split()),
        "kind": lambda v: row["kind"] == v,
        "level": lambda v: _level(row["likelihood"] * row["impact"]) == v,
        "status": lambda v: row["end"] == v,
        "division": lambda v: row["division"] == v,
        "owner": lambda v: row["owner"] == v,
        "date_from": lambda v: day >= START + dt.timedelta(days=v),
        "date_to": lambda v: day <= START + dt.timedelta(days=v),
    }
    return all(checks[name](value) for name, value in chosen.items())


def _query(p: Personas, chosen: dict[str, Any]) -> dict[str, str]:
    query = {}
    for name, value in chosen.items():
        if name in ("division", "owner"):
            query[name] = str(getattr(p, value).pk)
        elif name.startswith("date_"):
            query[name] = (START + dt.timedelta(days=value)).isoformat()
        else:
            query[name] = value
    return query


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=rows, chosen=filters)
def test_any_combination_of_filters_keeps_exactly_the_matching_rows(
    personas: Personas, specs: list[dict[str, Any]], chosen: dict[str, Any]
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    for n, row in enumerate(specs):
        risk = services.risk_register(
            agency=personas.agency,
            actor=personas.secretary,
            code=f"R{n}",
            kind=row["kind"],
            description=f"Rủi ro về {row['word']}",
            likelihood=row["likelihood"],
            impact=row["impact"],
            identified_on=START + dt.timedelta(days=row["day"]),
            division=getattr(personas, row["division"]) if row["division"] else None,
            owner=getattr(personas, row["owner"]) if row["owner"] else None,
        )
        if row["end"] == "cancelled":
            services.risk_cancel(risk=risk, actor=personas.secretary, on=START, reason="Trùng")
    found = RiskFilter(_query(personas, chosen), risk_list(agency=personas.agency), agency=personas.agency).qs
    expected = {f"R{n}" for n, row in enumerate(specs) if _matches(f"R{n}", row, chosen)}
    assert {risk.code for risk in found} == expected


def test_the_filters_offer_only_the_agencys_divisions_and_people(personas: Personas) -> None:
    form = RiskFilter(None, risk_list(agency=personas.agency), agency=personas.agency).form
    divisions = set(form.fields["division"].queryset)
    owners = set(form.fields["owner"].queryset)
    assert divisions == {personas.office, personas.division}
    assert personas.officer in owners and personas.outsider not in owners


def test_a_division_of_another_agency_in_the_address_shows_none_of_its_risks(personas: Personas) -> None:
    services.risk_register(
        agency=personas.other_agency,
        actor=personas.outsider,
        code="X1",
        kind="risk",
        description="Rủi ro của cơ quan khác",
        likelihood=1,
        impact=1,
        identified_on=START,
        division=personas.outsider.division,
    )
    assert personas.outsider.division is not None
    page = client_for(personas.secretary).get(
        reverse("risks:list"), {"division": personas.outsider.division.pk}
    )
    assert page.status_code == 200
    assert "Rủi ro của cơ quan khác" not in page.content.decode()


def test_the_search_box_finds_a_risk_by_code_or_words_of_its_description(personas: Personas) -> None:
    for code, description in (("HS-01", "Hồ sơ trễ hạn"), ("NS-01", "Thiếu nhân sự một cửa")):
        services.risk_register(
            agency=personas.agency,
            actor=personas.secretary,
            code=code,
            kind="risk",
            description=description,
            likelihood=2,
            impact=2,
            identified_on=START,
        )
    client = client_for(personas.viewer)
    for query, expected in (("hs-", "1"), ("một cửa", "1"), ("01", "2"), ("không có", "0")):
        page = client.get(reverse("risks:list"), {"q": query}).content.decode()
        assert f'data-row-count="{expected}"' in page, query
