"""Citizens opening an agency's first survey at the same moment all get the one default questionnaire."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from eiso.core.testing import make_agency, needs_postgresql
from eiso.surveys.models import Questionnaire
from eiso.surveys.services import questionnaire_default_create


@needs_postgresql(
    "the in-memory SQLite test database locks whole tables without waiting; PostgreSQL runs this"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_visits_share_one_default_questionnaire() -> None:
    agency = make_agency()
    barrier = threading.Barrier(6)
    results: list[int] = []
    errors: list[BaseException] = []

    def visit() -> None:
        try:
            barrier.wait(10)
            results.append(questionnaire_default_create(agency=agency).pk)
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=visit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(set(results)) == 1 and Questionnaire.objects.filter(agency=agency, active=True).count() == 1
