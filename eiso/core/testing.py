"""Test personas: one agency with a person per role, and an outsider agency of another province.

Used by every app's tests through the fixtures in the root conftest.py, so that a permission test is
one line: `client_for(personas.officer)`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from eiso.core.choices import Role
from eiso.core.models import Agency, Division, Person
from eiso.core.services import CONSOLE, agency_create, division_create, person_create

PASSWORD = "correct-horse-battery"  # noqa: S105
_counter = itertools.count(1)


@dataclass
class Personas:
    agency: Agency
    office: Division
    division: Division
    director: Person
    deputy: Person
    secretary: Person
    division_head: Person
    officer: Person
    auditor: Person
    viewer: Person
    supervisor: Person
    other_agency: Agency
    outsider: Person


def make_agency(code: str | None = None, province: str = "Khánh Hòa", **fields: Any) -> Agency:
    code = code or f"AG-{next(_counter)}"
    return agency_create(code=code, name=f"Sở thử nghiệm {code}", province=province, **fields)


def make_person(
    agency: Agency, *roles: str, division: Division | None = None, name: str | None = None
) -> Person:
    n = next(_counter)
    return person_create(
        agency=agency,
        full_name=name or f"Cán bộ {n}",
        roles=list(roles),
        username=f"user{n}",
        password=PASSWORD,
        division=division,
        email=f"user{n}@example.gov.vn",
        granted_by=CONSOLE,
    )


def build_personas() -> Personas:
    agency = make_agency(place_name="Khánh Hòa", symbol="STN", governing_body="UBND TỈNH KHÁNH HÒA")
    office = division_create(agency=agency, code="VP", name="Văn phòng")
    division = division_create(agency=agency, code="P1", name="Phòng Chuyên môn 1")
    supervisor_agency = make_agency(is_supervisor=True)
    other_agency = make_agency(province="Bình Định")
    other_division = division_create(agency=other_agency, code="VP", name="Văn phòng")
    return Personas(
        agency=agency,
        office=office,
        division=division,
        director=make_person(agency, Role.DIRECTOR, name="Giám đốc Thử"),
        deputy=make_person(agency, Role.DEPUTY_DIRECTOR),
        secretary=make_person(agency, Role.ISO_SECRETARY, Role.STEERING_MEMBER, division=office),
        division_head=make_person(agency, Role.DIVISION_HEAD, division=division),
        officer=make_person(agency, Role.OFFICER, division=division),
        auditor=make_person(agency, Role.AUDITOR, division=office),
        viewer=make_person(agency, Role.VIEWER),
        supervisor=make_person(supervisor_agency, Role.SUPERVISOR),
        other_agency=other_agency,
        outsider=make_person(other_agency, Role.ISO_SECRETARY, Role.DIRECTOR, division=other_division),
    )


def client_for(person: Person) -> Client:
    client = Client()
    if person.user is None:
        raise ValueError(f"{person} has no login account")
    client.force_login(person.user)
    return client


def needs_postgresql(reason: str) -> pytest.MarkDecorator:
    """Skip a test (or a module, in `pytestmark`) on SQLite, saying why it needs PostgreSQL."""
    return pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason=reason)
