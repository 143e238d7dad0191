import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eiso.core.models import DomainEvent
from eiso.core.testing import Personas
from eiso.dossiers.choices import DossierStatus, EventKind
from eiso.dossiers.services import (
    dossier_extend,
    dossier_receive_supplement,
    dossier_request_supplement,
    dossier_resolve,
    dossier_return,
    dossier_stop,
    dossier_transfer,
    dossier_withdraw,
)
from eiso.dossiers.tests.factories import at, make_procedure, received, resolved

pytestmark = pytest.mark.django_db


def test_receiving_a_dossier_keeps_the_limit_and_counts_the_due_date_from_the_next_day(
    personas: Personas,
) -> None:
    procedure = make_procedure(personas.agency, days="10")
    dossier = received(procedure, "2017-03-02 09:15", code="X-1")
    assert dossier.status == DossierStatus.ACCEPTED
    assert dossier.time_limit_value == 10
    assert dossier.received_on == dt.date(2017, 3, 2)
    assert dossier.due_date == dt.date(2017, 3, 16)
    assert dossier.events.get().kind == EventKind.RECEIVED
    assert DomainEvent.objects.filter(verb="dossier.received", target_id=dossier.pk).exists()


def test_a_dossier_received_after_the_cutoff_counts_from_the_next_day(personas: Personas) -> None:
    procedure = make_procedure(personas.agency, days="1", counts_from_next_day_after=dt.time(15, 0))
    assert received(procedure, "2017-03-02 14:59", code="A").due_date == dt.date(2017, 3, 3)
    assert received(procedure, "2017-03-02 15:00", code="B").due_date == dt.date(2017, 3, 6)


def test_an_explicit_due_at_wins_over_the_computed_date_and_both_are_kept(personas: Personas) -> None:
    procedure = make_procedure(personas.agency, days="10")
    dossier = received(procedure, "2017-03-02 09:15", code="X", due_at=at("2017-03-20 17:00"))
    assert dossier.computed_due_date == dt.date(2017, 3, 16)
    assert dossier.due_date == dt.date(2017, 3, 20)


def test_the_happy_path_resolves_and_returns_with_a_timeline(personas: Personas) -> None:
    dossier = resolved(make_procedure(personas.agency), "2017-03-02 09:15", "2017-03-10 10:00", code="X")
    dossier_return(dossier=dossier, actor=personas.officer, at=at("2017-03-13 08:00"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.finished_on == dt.date(2017, 3, 10)
    assert [e.kind for e in dossier.events.all()] == ["received", "transferred", "resolved", "returned"]


def test_a_completed_supplement_restarts_the_clock_from_zero(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency, days="5"), "2017-03-02 09:00", code="X")
    assert dossier.due_date == dt.date(2017, 3, 9)
    dossier_transfer(dossier=dossier, actor=None, at=at("2017-03-02 10:00"))
    dossier_request_supplement(dossier=dossier, actor=None, at=at("2017-03-03 10:00"), reason="Thiếu bản sao")
    dossier_receive_supplement(dossier=dossier, actor=None, at=at("2017-03-10 10:00"))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.supplement_count == 1
    assert dossier.due_date == dt.date(2017, 3, 17)


def test_an_illegal_transition_is_refused_with_a_clear_message(personas: Personas) -> None:
    dossier = resolved(make_procedure(personas.agency), "2017-03-02 09:15", "2017-03-10 10:00", code="X")
    with pytest.raises(ValidationError, match="Không thể chuyển hồ sơ X"):
        dossier_request_supplement(dossier=dossier, actor=None, at=at("2017-03-11 10:00"), reason="x")
    with pytest.raises(ValidationError):
        dossier_resolve(dossier=dossier, actor=None, at=at("2017-03-11 10:00"))


def test_a_returned_dossier_cannot_be_stopped_but_a_withdrawal_can(personas: Personas) -> None:
    procedure = make_procedure(personas.agency)
    dossier = received(procedure, "2017-03-02 09:15", code="W")
    dossier_withdraw(dossier=dossier, actor=None, at=at("2017-03-03 09:00"))
    dossier_stop(dossier=dossier, actor=None, at=at("2017-03-04 09:00"), reason="Công dân rút hồ sơ")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.STOPPED
    assert dossier.finished_on == dt.date(2017, 3, 3)
    with pytest.raises(ValidationError):
        dossier_stop(dossier=dossier, actor=None, at=at("2017-03-05 09:00"), reason="x")


def test_an_extension_is_allowed_once_at_least_a_day_before_and_keeps_the_due_date(
    personas: Personas,
) -> None:
    dossier = received(make_procedure(personas.agency, days="10"), "2017-03-02 09:15", code="X")
    with pytest.raises(ValidationError, match="01 ngày trước hạn"):
        dossier_extend(
            dossier=dossier,
            actor=None,
            at=at("2017-03-16 08:00"),
            new_due_at=at("2017-03-20 17:00"),
            reason="r",
        )
    dossier_extend(
        dossier=dossier,
        actor=None,
        at=at("2017-03-15 08:00"),
        new_due_at=at("2017-03-20 17:00"),
        reason="Chờ ý kiến",
    )
    dossier.refresh_from_db()
    assert dossier.due_date == dt.date(2017, 3, 16)
    assert dossier.extended_due_at == at("2017-03-20 17:00")
    with pytest.raises(ValidationError, match="một lần"):
        dossier_extend(
            dossier=dossier,
            actor=None,
            at=at("2017-03-15 09:00"),
            new_due_at=at("2017-03-21 17:00"),
            reason="r",
        )


def test_a_result_before_receipt_is_refused(personas: Personas) -> None:
    dossier = received(make_procedure(personas.agency), "2017-03-02 09:15", code="X")
    with pytest.raises(ValidationError):
        dossier_resolve(dossier=dossier, actor=None, at=at("2017-03-01 09:15"))
