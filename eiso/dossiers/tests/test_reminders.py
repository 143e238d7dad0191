import datetime as dt

import pytest

from eiso.core.testing import Personas
from eiso.dossiers.reminders import dossiers_due_soon
from eiso.dossiers.tests.factories import make_procedure, received, resolved

pytestmark = pytest.mark.django_db


def test_the_division_head_is_reminded_of_open_dossiers_due_on_the_next_working_day(
    personas: Personas,
) -> None:
    p = make_procedure(personas.agency, days="10")  # received 02/03/2017 → due 16/03/2017
    received(p, "2017-03-02 09:00", code="OPEN", division=personas.division)
    resolved(p, "2017-03-02 09:00", "2017-03-03 09:00", code="DONE", division=personas.division)
    received(p, "2017-03-02 09:00", code="NO-DIVISION")
    reminders = list(dossiers_due_soon(agency=personas.agency, today=dt.date(2017, 3, 15)))
    assert [(r.recipient, r.due_on) for r in reminders] == [(personas.division_head, dt.date(2017, 3, 16))]
    assert "OPEN" in reminders[0].title
    assert list(dossiers_due_soon(agency=personas.agency, today=dt.date(2017, 3, 10))) == []
