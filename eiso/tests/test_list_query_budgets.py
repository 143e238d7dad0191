"""Every list page costs the same number of queries whatever the number of rows it shows: 5 rows or 40, the
page reads them with the joins it needs, never one row at a time (no N+1)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eiso.audits import services as audits
from eiso.audits.tests.factories import make_audit
from eiso.core.notifications import Reminder, deliver
from eiso.core.testing import Personas, client_for
from eiso.documents.choices import DocumentType
from eiso.documents.tests.factories import issue, make_document
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.improvements import services as improvements
from eiso.risks import services as risks
from eiso.surveys.models import Questionnaire
from eiso.surveys.services import questionnaire_default_create, survey_response_submit
from eiso.surveys.tests.conftest import answers_for

pytestmark = pytest.mark.django_db

FEW, MANY = 5, 40
DAY = dt.date(2017, 7, 26)
QUERY_BUDGET = 60  # the ceiling every page keeps (eiso/core/tests/test_every_page.py)


def _divisions(p: Personas, n: int) -> Any:
    return p.division if n % 2 else p.office


def add_dossiers(p: Personas, start: int, count: int) -> None:
    procedures = [make_procedure(p.agency, f"9.{start + i:03d}") for i in range(2)]
    for n in range(start, start + count):
        procedure = procedures[n % 2]
        if n % 3:
            received(procedure, "2017-03-02 09:00", code=f"D-{n:03d}", division=_divisions(p, n))
        else:
            resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00", code=f"D-{n:03d}")


def add_procedures(p: Personas, start: int, count: int) -> None:
    for n in range(start, start + count):
        make_procedure(p.agency, f"1.{n:03d}", field="Báo chí" if n % 2 else "Xuất bản")


def add_documents(p: Personas, start: int, count: int) -> None:
    for n in range(start, start + count):
        kind = DocumentType.FORM if n % 2 else DocumentType.SYSTEM_PROCEDURE
        document = make_document(p.agency, p.secretary, doc_type=kind, title=f"Tài liệu {n}")
        if n % 3 == 0:
            issue(document, p)


def _questionnaire(p: Personas) -> Questionnaire:
    return Questionnaire.objects.filter(agency=p.agency).first() or questionnaire_default_create(
        agency=p.agency
    )


def add_responses(p: Personas, start: int, count: int) -> None:
    """Responses naming a finished dossier each, of a procedure of their own (a row of the results)."""
    questionnaire = _questionnaire(p)
    for n in range(start, start + count):
        procedure = make_procedure(p.agency, f"5.{n:03d}")
        dossier = resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00", code=f"S-{n:03d}")
        survey_response_submit(
            questionnaire=questionnaire,
            answers=answers_for(questionnaire, 5 if n % 2 else 2, comment=f"Góp ý {n}"),
            dossier_code=dossier.code,
            period=timezone.localdate(),
        )


def _nonconformity(p: Personas, n: int) -> Any:
    return improvements.nonconformity_raise(
        agency=p.agency,
        actor=p.secretary,
        description=f"Sự không phù hợp {n}",
        raised_on=DAY,
        division=_divisions(p, n),
    )


def add_nonconformities(p: Personas, start: int, count: int) -> None:
    for n in range(start, start + count):
        nc = _nonconformity(p, n)
        if n % 2:
            improvements.corrective_action_request(nonconformity=nc, actor=p.secretary, on=DAY)


def add_corrective_actions(p: Personas, start: int, count: int) -> None:
    for n in range(start, start + count):
        car = improvements.corrective_action_request(
            nonconformity=_nonconformity(p, n), actor=p.secretary, on=DAY
        )
        if n % 2:
            improvements.corrective_action_analyse(
                car=car, actor=p.secretary, root_cause="Chưa phổ biến", due_on=DAY, verify_after=DAY
            )


def add_risks(p: Personas, start: int, count: int) -> None:
    for n in range(start, start + count):
        risk = risks.risk_register(
            agency=p.agency,
            actor=p.secretary,
            code=f"R-{n:03d}",
            kind="opportunity" if n % 4 == 0 else "risk",
            description=f"Rủi ro {n}",
            likelihood=1 + n % 5,
            impact=1 + (n // 5) % 5,
            identified_on=DAY,
            division=_divisions(p, n),
            owner=p.division_head if n % 2 else p.officer,
        )
        if n % 3 == 0:
            risks.risk_action_add(
                risk=risk, actor=p.secretary, description="x", owner=p.officer, deadline=DAY
            )


def add_findings(p: Personas, start: int, count: int) -> None:
    audit = make_audit(p, title=f"Đánh giá {start}")
    for n in range(start, start + count):
        audits.finding_record(
            audit=audit,
            actor=p.auditor,
            kind=["strength", "observation", "nonconformity"][n % 3],
            description=f"Phát hiện {n}",
            evidence="Hồ sơ",
            division=p.division,
            found_on=DAY,
        )


def add_notifications(p: Personas, start: int, count: int) -> None:
    deliver(
        Reminder(recipient=p.secretary, key=f"action:{n}:due", title=f"Việc {n}", due_on=DAY)
        for n in range(start, start + count)
    )


@dataclass
class ListPage:
    url_name: str
    add: Callable[[Personas, int, int], None]
    query: dict[str, str] = field(default_factory=dict)


PERIOD = {"date_from": "2000-01-01", "date_to": "2099-12-31"}
PAGES = [
    ListPage("dossiers:list", add_dossiers),
    ListPage("procedures:list", add_procedures),
    ListPage("documents:document_list", add_documents),
    ListPage("surveys:response_list", add_responses, PERIOD),
    ListPage("surveys:results", add_responses, PERIOD),
    ListPage("improvements:nc_list", add_nonconformities),
    ListPage("improvements:list", add_corrective_actions),
    ListPage("risks:list", add_risks),
    ListPage("audits:findings", add_findings),
    ListPage("core:notifications", add_notifications),
]


def _get(client: Client, url: str, query: dict[str, str]) -> tuple[list[str], int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    match = re.search(r'data-row-count="(\d+)"', response.content.decode())
    assert match, f"{url} shows its row count"
    return [q["sql"] for q in queries.captured_queries], int(match.group(1))


def _repeated(queries: list[str]) -> list[str]:
    """The queries run more than once with other values: what a page runs row by row."""
    shapes: dict[str, int] = {}
    for sql in queries:
        shape = re.sub(r"'[^']*'|\b\d+\b", "?", sql)
        shapes[shape] = shapes.get(shape, 0) + 1
    return [shape[:300] for shape, count in shapes.items() if count > 1]


@pytest.mark.parametrize("page", PAGES, ids=[page.url_name for page in PAGES])
def test_a_list_page_costs_the_same_queries_for_5_rows_as_for_40(personas: Personas, page: ListPage) -> None:
    client = client_for(personas.secretary)
    url = reverse(page.url_name)
    page.add(personas, 0, FEW)
    client.get(url, page.query)  # the session, the agency and other per-process caches settle first
    few, shown_few = _get(client, url, page.query)
    page.add(personas, FEW, MANY - FEW)
    many, shown_many = _get(client, url, page.query)
    assert (shown_few, shown_many) == (FEW, MANY), "the page lists the rows it was given"
    extra = _repeated(many)
    assert len(many) == len(few), f"{page.url_name}: {len(few)} → {len(many)} queries; new: {extra[:3]}"
    assert len(many) <= QUERY_BUDGET, f"{page.url_name}: {len(many)} queries"
