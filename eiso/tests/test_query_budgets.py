"""Query-count budgets of the pages that read five years of dossiers (issue 15): the statistics page, the
objective set page, the dashboard and the dossier list (plain, searched, filtered by procedure and by
timeliness). Each page is requested over a small agency, then again after many more dossiers, procedures
and divisions were added: the number of queries must not move, and stays within the page's budget.
Runs on SQLite and on PostgreSQL (where the figures come from the per-day table)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eiso.core.services import division_create
from eiso.core.testing import Personas, client_for
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.objectives.models import ObjectiveSet
from eiso.objectives.services import indicator_create, objective_create, objective_set_create

YEAR = 2017

# Budgets: what each page needs today, with a little room. A budget is raised only with the reason.
BUDGETS = {
    "statistics": 20,
    "objective_set": 80,
    "dashboard": 55,
    "list": 22,
    "list_search": 22,
    "list_procedure": 22,
    "list_timeliness": 22,
}


def _objective_set(personas: Personas) -> ObjectiveSet:
    objective_set = objective_set_create(agency=personas.agency, year=YEAR, actor=None)
    procedure = personas.agency.procedures.order_by("code").first()
    indicators: list[tuple[str, str, str, dict[str, Any]]] = [
        ("dossiers_on_time_rate", "monthly", "agency", {}),
        ("dossiers_early_rate", "quarterly", "agency", {}),
        ("dossiers_on_time_rate", "monthly", "procedure", {"scope_procedure": procedure}),
        ("dossiers_on_time_rate", "quarterly", "division", {"scope_division": personas.division}),
        ("satisfaction_rate", "half_yearly", "agency", {}),
        ("procedures_published_rate", "yearly", "agency", {}),
        ("manual", "quarterly", "agency", {}),
    ]
    for order, (source, frequency, scope, extra) in enumerate(indicators, start=1):
        objective = objective_create(objective_set=objective_set, text=f"Mục tiêu {order}", actor=None)
        indicator_create(
            objective=objective,
            name=f"Chỉ tiêu {order}",
            target_value=Decimal(95),
            actor=None,
            source=source,
            frequency=frequency,
            scope=scope,
            unit="%",
            **extra,
        )
    return objective_set


def _dossiers(personas: Personas, procedures: int, per_procedure: int, prefix: str) -> None:
    """Dossiers received over the year, in every division, a third resolved early, some late, some pending."""
    divisions = [personas.division, personas.office]
    for p in range(procedures):
        procedure = make_procedure(
            personas.agency, code=f"{prefix}.{p:03d}", days="3", field=f"Lĩnh vực {p % 3}"
        )
        for n in range(per_procedure):
            month = 1 + (n * 5 + p) % 12
            when = f"{YEAR}-{month:02d}-{1 + n % 27:02d} 09:00"
            code = f"{prefix}-{p:03d}-{n:04d}"
            division = divisions[n % 2]
            if n % 3 == 0:
                resolved(
                    procedure,
                    when,
                    f"{YEAR}-{month:02d}-{1 + n % 27:02d} 15:00",
                    code=code,
                    division=division,
                )
            elif n % 3 == 1 and month < 12:
                resolved(procedure, when, f"{YEAR}-{month + 1:02d}-28 10:00", code=code, division=division)
            else:
                received(procedure, when, code=code, division=division)


def _pages(personas: Personas) -> dict[str, str]:
    objective_set = ObjectiveSet.objects.get(agency=personas.agency, year=YEAR)
    procedure = personas.agency.procedures.order_by("code").first()
    assert procedure is not None
    return {
        "statistics": f"/ho-so/thong-ke/?date_from={YEAR}-01-01&date_to={YEAR}-12-31",
        "objective_set": f"/muc-tieu/{objective_set.pk}/",
        "dashboard": "/",
        "list": "/ho-so/",
        "list_search": "/ho-so/?q=-0001",
        "list_procedure": f"/ho-so/?procedure={procedure.code}",
        "list_timeliness": "/ho-so/?timeliness=late",
    }


def _count(get: Callable[[], Any]) -> int:
    get()  # warm: the session, the calendar and the registry caches of the first request are not the page's
    with CaptureQueriesContext(connection) as queries:
        response = get()
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", list(BUDGETS))
def test_the_page_keeps_its_query_budget_whatever_the_number_of_rows(
    page: str, personas: Personas, django_assert_max_num_queries: Any
) -> None:
    _dossiers(personas, procedures=1, per_procedure=3, prefix="A")
    _objective_set(personas)
    client = client_for(personas.director)
    url = _pages(personas)[page]
    small = _count(lambda: client.get(url))

    _dossiers(personas, procedures=5, per_procedure=12, prefix="B")
    division_create(agency=personas.agency, code="P2", name="Phòng Chuyên môn 2")
    larger = _count(lambda: client.get(url))
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url)
    assert response.status_code == 200
    assert larger == small, f"{page}: {small} queries over 3 dossiers, {larger} over 63"


def test_the_dossier_fixtures_fill_the_figures_the_pages_show(personas: Personas) -> None:
    """The budgets are measured over pages that show figures, not over empty tables."""
    from eiso.dossiers.selectors import dossier_stats

    _dossiers(personas, procedures=2, per_procedure=6, prefix="C")
    figures = dossier_stats(
        agency=personas.agency, date_from=dt.date(YEAR, 1, 1), date_to=dt.date(YEAR, 12, 31)
    )
    assert figures["received_total"] == 12
    assert figures["resolved_total"] >= 4 and figures["pending_total"] >= 1


def test_the_public_lookup_is_one_narrow_query(personas: Personas) -> None:
    """The citizen's lookup (the public page under the heaviest load) reads one row in one query, and only
    the columns it prints: none of the applicant's."""
    from django.test import Client

    procedure = make_procedure(personas.agency, code="L.001")
    dossier = received(procedure, f"{YEAR}-03-02 09:00", code="LK-0001", applicant_name="Nguyễn Văn A")
    client = Client()
    client.get("/cong-khai/tra-cuu-ho-so/", {"ma": "lk-0001"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cong-khai/tra-cuu-ho-so/", {"ma": dossier.code})
    assert response.status_code == 200 and dossier.code in response.content.decode()
    assert len(queries) == 1
    assert "applicant" not in queries[0]["sql"]
