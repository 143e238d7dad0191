"""documents_summary and documents_reviewed_rate against a hand-counted register."""

import datetime as dt

import pytest

from eiso.core.testing import Personas
from eiso.documents import selectors, services
from eiso.documents.tests.factories import issue, make_document, make_external

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(personas: Personas) -> Personas:
    p = personas
    law = make_external(p.agency, p.secretary, "QĐ 09/2015")
    issue(
        make_external(p.agency, p.secretary, "Luật Báo chí 2016"), p, dt.date(2017, 1, 1)
    )  # external: never counted
    # A: issued 2016, revised 03/2017 -> in force, revised this year, review due 03/2018
    a = make_document(p.agency, p.secretary, title="A", legal_bases=[law])
    issue(a, p, dt.date(2016, 2, 1))
    issue(a, p, dt.date(2017, 3, 1))
    # B: issued 2016-01-01 with a 12-month period and never reviewed -> overdue on 2017-08-01
    b = make_document(p.agency, p.secretary, title="B")
    issue(b, p, dt.date(2016, 1, 1))
    # C: issued new in 05/2017
    c = make_document(p.agency, p.secretary, title="C")
    issue(c, p, dt.date(2017, 5, 1))
    # D: issued 2015, overdue, but reviewed in 06/2017 -> not overdue any more
    d = make_document(p.agency, p.secretary, title="D")
    issue(d, p, dt.date(2015, 6, 1))
    services.document_review_record(document=d, actor=p.division_head, reviewed_on=dt.date(2017, 6, 15))
    # E: issued with effect in the future (after as_of) -> not in force yet
    e = make_document(p.agency, p.secretary, title="E")
    issue(e, p, dt.date(2017, 9, 1))
    # F: draft only -> not in force
    services.version_create(
        document=make_document(p.agency, p.secretary, title="F"), actor=p.secretary, body="x"
    )
    # Legal change on QĐ 09/2015, in force 2017-04-01, due 2017-07-01 -> pending and overdue for A
    make_external(p.agency, p.secretary, "QĐ sửa đổi", amends=law, legal_effective_from=dt.date(2017, 4, 1))
    for document, result in ((a, "applied_as_written"), (b, "needs_change"), (c, "applied_as_written")):
        services.evaluation_record(document=document, actor=p.division_head, year=2017, result=result)
    services.evaluation_record(document=d, actor=p.division_head, year=2016, result="obsolete")
    return p


def test_the_summary_matches_the_hand_count(register: Personas) -> None:
    summary = selectors.documents_summary(agency=register.agency, year=2017, as_of=dt.date(2017, 8, 1))
    assert summary["in_force"] == 4  # A, B, C, D
    assert (summary["issued"], summary["revised"]) == (1, 1)  # C new; A revised
    assert summary["overdue_reviews"] == 1  # B
    assert (summary["legal_changes_pending"], summary["legal_changes_overdue"]) == (1, 1)
    assert summary["evaluations"] == {"applied_as_written": 2, "needs_change": 1, "obsolete": 0}
    assert summary["evaluations_total"] == 3


def test_the_summary_looks_back_in_time(register: Personas) -> None:
    summary = selectors.documents_summary(agency=register.agency, year=2016, as_of=dt.date(2016, 12, 31))
    assert summary["in_force"] == 3  # A (first version), B, D
    assert (summary["issued"], summary["revised"]) == (2, 0)  # A, B (A's first version is superseded now)
    assert summary["legal_changes_pending"] == 0  # the amendment took effect in 2017
    assert summary["evaluations"]["obsolete"] == 1


def test_the_reviewed_rate_counts_reviews_and_new_versions(register: Personas) -> None:
    rate = selectors.documents_reviewed_rate(
        agency=register.agency, date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 8, 1)
    )
    assert rate == (3, 4)  # A revised, C issued, D reviewed; B not


def test_the_summary_of_another_agency_is_empty(register: Personas) -> None:
    summary = selectors.documents_summary(agency=register.other_agency, year=2017, as_of=dt.date(2017, 8, 1))
    assert summary["in_force"] == 0 and summary["evaluations_total"] == 0
