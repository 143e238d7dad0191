"""The provincial supervisor role: granted only by a platform operator, only inside the supervisor body."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from eiso.core.access import visible_agencies
from eiso.core.choices import Role
from eiso.core.models import RoleGrant
from eiso.core.services import CONSOLE, person_create, role_grant
from eiso.core.testing import Personas, client_for, make_agency

pytestmark = pytest.mark.django_db


def test_a_secretary_cannot_grant_herself_the_supervisor_role(personas: Personas) -> None:
    secretary = personas.secretary
    with pytest.raises(ValidationError):
        role_grant(person=secretary, role=Role.SUPERVISOR, granted_by=secretary.user)
    assert not secretary.role_grants.filter(role=Role.SUPERVISOR).exists()


def test_a_person_created_by_agency_staff_cannot_carry_the_supervisor_role(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        person_create(
            agency=personas.supervisor.agency,
            full_name="Giả mạo",
            roles=[Role.SUPERVISOR],
            granted_by=personas.secretary.user,
        )


def test_an_operator_cannot_grant_it_outside_the_supervisor_body(personas: Personas) -> None:
    operator = get_user_model().objects.create_superuser("op", "op@example.gov.vn", "x-op-pass-123")
    with pytest.raises(ValidationError):
        role_grant(person=personas.secretary, role=Role.SUPERVISOR, granted_by=operator)
    body_member = person_create(agency=personas.supervisor.agency, full_name="Chuyên viên", roles=[])
    role_grant(person=body_member, role=Role.SUPERVISOR, granted_by=operator)
    assert personas.agency in visible_agencies(body_member)


def test_the_database_refuses_a_supervisor_grant_outside_the_body(personas: Personas) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(person=personas.secretary, role=Role.SUPERVISOR)


def test_the_database_refuses_moving_a_supervisor_out_of_the_body(personas: Personas) -> None:
    supervisor = personas.supervisor
    body = supervisor.agency
    supervisor.agency = personas.agency
    with pytest.raises(IntegrityError), transaction.atomic():
        supervisor.save(update_fields=["agency"])
    other_body = make_agency(is_supervisor=True)
    person_create(agency=other_body, full_name="A", roles=[], granted_by=CONSOLE)
    other_body.is_supervisor = False
    other_body.save(update_fields=["is_supervisor"])  # nobody of it holds the role: allowed
    body.is_supervisor = False
    with pytest.raises(IntegrityError), transaction.atomic():
        body.save(update_fields=["is_supervisor"])


def _without_triggers() -> None:
    """Inside the test transaction, rolled back afterwards: DDL on SQLite, a session setting on PostgreSQL."""
    sql = (
        "DROP TRIGGER core_supervisor_grant_insert"
        if connection.vendor == "sqlite"
        else "SET LOCAL session_replication_role = replica"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_role_alone_does_not_open_the_province(personas: Personas) -> None:
    """A grant that escaped every check (say, restored from an old backup) still shows one agency."""
    _without_triggers()
    RoleGrant.objects.create(person=personas.secretary, role=Role.SUPERVISOR)
    secretary = type(personas.secretary).objects.get(pk=personas.secretary.pk)
    assert list(visible_agencies(secretary)) == [personas.agency]
    neighbour = make_agency()
    client = client_for(secretary)
    client.post("/co-quan/chon/", {"agency": neighbour.pk})
    assert client.get("/").wsgi_request.agency == personas.agency  # type: ignore[attr-defined]


def test_no_page_grants_the_supervisor_role_to_a_secretary(personas: Personas) -> None:
    """POST a supervisor role, in every field name a form might use, to every page without arguments."""
    from eiso.core.tests.test_isolation import all_patterns, reverse_pattern

    client = client_for(personas.secretary)
    forged = {"role": Role.SUPERVISOR, "roles": Role.SUPERVISOR, "username": "forged", "full_name": "X"}
    for pattern in all_patterns():
        url = reverse_pattern(pattern, {})
        if url is not None and not url.startswith("/dang-xuat"):
            client.post(url, forged)
    assert not RoleGrant.objects.filter(role=Role.SUPERVISOR, person__agency__is_supervisor=False).exists()
    assert list(visible_agencies(personas.secretary)) == [personas.agency]
