"""Every issued record kind is frozen by the database itself: on the full demo, a raw UPDATE of an issued
row's content, an UPDATE taking it back out of its issued state, and a row added under an issued parent are
refused (PostgreSQL and SQLite alike), while the progress of a tracked action stays writable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from eiso.audits.freezes import FREEZES as AUDIT_FREEZES
from eiso.core.immutability import Freeze
from eiso.improvements.freezes import FREEZES as IMPROVEMENT_FREEZES
from eiso.objectives.freezes import FREEZES as OBJECTIVE_FREEZES
from eiso.reviews.freezes import FREEZES as REVIEW_FREEZES

pytestmark = pytest.mark.django_db

FREEZES = [*REVIEW_FREEZES, *OBJECTIVE_FREEZES, *AUDIT_FREEZES, *IMPROVEMENT_FREEZES]
# A content column of each kind, changed by raw SQL.
TEXT_COLUMN = {
    "reviews.ManagementReview": "minutes_number",
    "reviews.ReviewInput": "commentary",
    "reviews.ReviewParticipant": "attendance",
    "reviews.ReviewDecision": "text",
    "objectives.ObjectiveSet": "decision_number",
    "objectives.Objective": "text",
    "objectives.Indicator": "name",
    "audits.Audit": "conclusion",
    "audits.Finding": "description",
    "improvements.CorrectiveAction": "root_cause",
    "improvements.ActionItem": "description",
}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once inside a transaction rolled back afterwards (each test in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def _issued_row(freeze: Freeze) -> Any:
    model = apps.get_model(freeze.model)
    row = model.objects.filter(**{f"{freeze.path}__in": freeze.states}).order_by("pk").first()
    assert row is not None, f"the demo has no issued {freeze.model}"
    return row


def _refused(sql: str, params: list[Any]) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "issued record is immutable" in str(error)
        return True
    return False


@pytest.mark.parametrize("freeze", FREEZES, ids=lambda f: f.model)
def test_a_raw_update_of_an_issued_record_is_refused(demo: None, freeze: Freeze) -> None:
    row = _issued_row(freeze)
    table = row._meta.db_table
    column = TEXT_COLUMN[freeze.model]
    assert column in freeze.columns
    assert _refused(f'UPDATE {table} SET "{column}" = %s WHERE id = %s', ["sửa sau ban hành", row.pk])  # noqa: S608


@pytest.mark.parametrize("freeze", [f for f in FREEZES if not f.child], ids=lambda f: f.model)
def test_an_issued_record_cannot_be_taken_back_to_draft(demo: None, freeze: Freeze) -> None:
    row = _issued_row(freeze)
    column = row._meta.get_field(freeze.path).column
    sql = f'UPDATE {row._meta.db_table} SET "{column}" = %s WHERE id = %s'  # noqa: S608
    assert _refused(sql, ["draft", row.pk])


@pytest.mark.parametrize("freeze", [f for f in FREEZES if f.child], ids=lambda f: f.model)
def test_no_row_is_added_under_an_issued_record(demo: None, freeze: Freeze) -> None:
    row = _issued_row(freeze)
    model = type(row)
    values = model.objects.filter(pk=row.pk).values().get()
    values.pop("id")
    try:
        with transaction.atomic():
            model.objects.create(**values)
    except DatabaseError as error:
        assert "issued record is immutable" in str(error)
    else:
        pytest.fail(f"a {freeze.model} was added under an issued record")


def test_the_progress_of_a_minuted_decision_stays_writable(demo: None) -> None:
    decision = _issued_row(REVIEW_FREEZES[-1])
    table = decision._meta.db_table
    assert not _refused(f"UPDATE {table} SET result_note = %s WHERE id = %s", ["đã xong", decision.pk])  # noqa: S608
