"""The history page: scoped to the acting agency for every model, never a 500, with the domain events."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from eiso.core.choices import Role
from eiso.core.services import CONSOLE, role_grant
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def _history(model: str, pk: int) -> str:
    return reverse("core:history", kwargs={"model": model, "pk": pk})


def test_the_agency_history_page_answers_for_its_own_agency(personas: Personas) -> None:
    response = client_for(personas.secretary).get(_history("core.agency", personas.agency.pk))
    assert response.status_code == 200
    assert personas.agency.name in response.content.decode()


def test_no_history_page_answers_500_or_another_agencys_record(personas: Personas) -> None:
    client = client_for(personas.secretary)
    labels = [m._meta.label_lower for m in apps.get_models()] + ["nope", "core", "core.nope", "auth.user"]
    for label in labels:
        status = client.get(_history(label, 999999)).status_code
        assert status == 404, f"{label} 999999 -> {status}"
    outsider = personas.outsider
    assert outsider.division_id is not None
    for label, pk in [
        ("core.agency", personas.other_agency.pk),
        ("core.person", outsider.pk),
        ("core.division", outsider.division_id),
    ]:
        assert client.get(_history(label, pk)).status_code == 404, label


def test_the_history_page_lists_the_records_domain_events(personas: Personas) -> None:
    role_grant(person=personas.officer, role=Role.AUDITOR, granted_by=CONSOLE)
    response = client_for(personas.secretary).get(_history("core.person", personas.officer.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "role.granted" in body and Role.AUDITOR.value in body


def test_a_supervisor_reads_the_history_of_the_agency_she_watches_only(personas: Personas) -> None:
    client = client_for(personas.supervisor)
    client.post(reverse("core:switch_agency"), {"agency": personas.agency.pk})
    assert client.get(_history("core.division", personas.office.pk)).status_code == 200
    other_division = personas.outsider.division
    assert other_division is not None
    assert client.get(_history("core.division", other_division.pk)).status_code == 404
