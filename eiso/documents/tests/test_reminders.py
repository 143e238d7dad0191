import datetime as dt

import pytest

from eiso.core.models import Notification
from eiso.core.notifications import send_reminders
from eiso.core.testing import Personas
from eiso.documents.reminders import document_reminders
from eiso.documents.tests.factories import issue, make_document, make_external

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_2017_03_01(personas: Personas) -> Personas:
    document = make_document(personas.agency, personas.secretary, owner_division=personas.division)
    issue(document, personas, dt.date(2016, 3, 1))  # next review 2017-03-01
    return personas


def _keys(personas: Personas, day: dt.date) -> list[str]:
    return sorted(r.key.split(":")[-1] for r in document_reminders(agency=personas.agency, today=day))


def test_reviews_are_reminded_30_and_7_days_ahead_then_weekly(due_2017_03_01: Personas) -> None:
    p = due_2017_03_01
    assert _keys(p, dt.date(2017, 1, 30)) == ["due-30", "due-30"]  # the secretary and the division head
    assert _keys(p, dt.date(2017, 1, 31)) == []
    assert _keys(p, dt.date(2017, 2, 22)) == ["due-7", "due-7"]
    assert _keys(p, dt.date(2017, 3, 1)) == []
    assert _keys(p, dt.date(2017, 3, 8)) == ["overdue-1", "overdue-1"]
    assert _keys(p, dt.date(2017, 3, 15)) == ["overdue-2", "overdue-2"]


def test_reminders_are_delivered_once(due_2017_03_01: Personas) -> None:
    day = dt.date(2017, 2, 22)
    send_reminders(today=day)
    send_reminders(today=day)
    notifications = Notification.objects.filter(key__startswith="doc-review:")
    recipients = {n.recipient_id for n in notifications}
    assert notifications.count() == 2
    assert recipients == {due_2017_03_01.secretary.pk, due_2017_03_01.division_head.pk}


def test_legal_changes_are_reminded_before_their_deadline(personas: Personas) -> None:
    law = make_external(personas.agency, personas.secretary, "QĐ 09/2015")
    make_document(personas.agency, personas.secretary, legal_bases=[law])
    make_external(
        personas.agency, personas.secretary, "QĐ mới", amends=law, legal_effective_from=dt.date(2017, 4, 1)
    )
    reminders = list(document_reminders(agency=personas.agency, today=dt.date(2017, 6, 24)))
    assert [r.key.split(":")[0] for r in reminders] == ["doc-legal"]
    assert reminders[0].due_on == dt.date(2017, 7, 1)
