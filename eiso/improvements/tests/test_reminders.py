import datetime as dt

import pytest

from eiso.audits import services as audits
from eiso.audits.tests.factories import DAY, make_audit, make_nc_finding
from eiso.core.models import Notification, Person
from eiso.core.notifications import send_reminders
from eiso.core.testing import Personas
from eiso.improvements.tests.factories import planned_car

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2017, 9, 1)


def _keys(person: Person) -> list[str]:
    """This module's reminder keys only (other modules remind the same personas too)."""
    keys = Notification.objects.filter(recipient=person).values_list("key", flat=True)
    return sorted(k for k in keys if k.split(":")[0] in {"action", "finding", "session"})


def test_an_action_reminds_its_owner_10_and_3_days_before_once_each(personas: Personas) -> None:
    car = planned_car(personas, deadline=DEADLINE)
    item = car.actions.get()
    for day in range(15):
        send_reminders(today=DEADLINE - dt.timedelta(days=14 - day))
    send_reminders(today=DEADLINE - dt.timedelta(days=3))  # the same day again: nothing new
    assert _keys(personas.officer) == [f"action:{item.pk}:due-10", f"action:{item.pk}:due-3"]


def test_a_missed_day_is_caught_up(personas: Personas) -> None:
    car = planned_car(personas, deadline=DEADLINE)
    item = car.actions.get()
    # the job did not run on the 10-days-before day; the next run catches up from `since`
    send_reminders(today=DEADLINE - dt.timedelta(days=8), since=DEADLINE - dt.timedelta(days=12))
    assert _keys(personas.officer) == [f"action:{item.pk}:due-10"]


def test_an_overdue_action_reminds_weekly_and_escalates_to_the_division_head_after_14_days(
    personas: Personas,
) -> None:
    car = planned_car(personas, deadline=DEADLINE)
    item = car.actions.get()
    send_reminders(today=DEADLINE + dt.timedelta(days=21), since=DEADLINE + dt.timedelta(days=1))
    assert [k for k in _keys(personas.officer) if "overdue" in k] == [
        f"action:{item.pk}:overdue-w1",
        f"action:{item.pk}:overdue-w2",
        f"action:{item.pk}:overdue-w3",
    ]
    assert _keys(personas.division_head) == [f"action:{item.pk}:escalate-w2", f"action:{item.pk}:escalate-w3"]


def test_a_done_action_is_no_longer_reminded(personas: Personas) -> None:
    from eiso.improvements.services import action_item_done

    car = planned_car(personas, deadline=DEADLINE)
    action_item_done(
        item=car.actions.get(), actor=personas.officer, at=dt.datetime(2017, 8, 1, tzinfo=dt.UTC)
    )
    send_reminders(today=DEADLINE - dt.timedelta(days=3))
    assert _keys(personas.officer) == []


def test_a_nonconformity_finding_without_a_request_reminds_the_secretary_after_7_days(
    personas: Personas,
) -> None:
    finding = make_nc_finding(personas)
    send_reminders(today=DAY + dt.timedelta(days=6))
    assert _keys(personas.secretary) == []
    send_reminders(today=DAY + dt.timedelta(days=9), since=DAY + dt.timedelta(days=7))
    assert _keys(personas.secretary) == [f"finding:{finding.pk}:no-car"]


def test_auditors_are_reminded_of_a_session_14_days_ahead(personas: Personas) -> None:
    audit = make_audit(personas)
    starts = dt.datetime(2017, 10, 2, 1, tzinfo=dt.UTC)
    session = audits.audit_session_add(
        audit=audit,
        actor=personas.secretary,
        division=personas.division,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        auditors=[personas.auditor],
    )
    send_reminders(today=dt.date(2017, 9, 17))
    assert _keys(personas.auditor) == []
    send_reminders(today=dt.date(2017, 9, 25), since=dt.date(2017, 9, 18))
    assert _keys(personas.auditor) == [f"session:{session.pk}:due-14"]
    assert Notification.objects.filter(recipient=personas.auditor, key__startswith="session:").count() == 1
