"""Schemathesis (property-based, from the OpenAPI schema) against every operation, with a key of each scope
and a key of another agency: no 5xx, every response conforms to the schema, and agency B's key never reads
or changes agency A's dossier (404). Bounded: a few examples per operation and key, no deadline."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from eiso.api.choices import Scope
from eiso.api.tests.keys import key_for
from eiso.core.testing import Personas
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure, received

pytestmark = pytest.mark.django_db
EXAMPLES = 6
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _fingerprint(dossier: Dossier) -> tuple[Any, ...]:
    dossier.refresh_from_db()
    return (dossier.status, dossier.updated_at, dossier.events.count())


def test_every_operation_with_every_scope_and_no_cross_agency_access(personas: Personas) -> None:
    procedure = make_procedure(personas.agency, code="1.001")
    make_procedure(personas.other_agency, code="1.001")
    victim = received(procedure, "2017-03-02 09:15", code="A-VICTIM")
    before = _fingerprint(victim)
    keys = {
        "read": key_for(personas.agency, [Scope.READ], rate=100000, name="Đọc"),
        "write": key_for(personas.agency, [Scope.DOSSIERS_WRITE], rate=100000, name="Ghi"),
        "both": key_for(personas.agency, [Scope.READ, Scope.DOSSIERS_WRITE], rate=100000, name="Cả hai"),
        "other": key_for(personas.other_agency, [Scope.READ, Scope.DOSSIERS_WRITE], rate=100000),
    }
    # As Django's test client does: the test's open transaction must survive each WSGI request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _walk(keys)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert _fingerprint(victim) == before


def _walk(keys: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 14
    statuses: Counter[int] = Counter()
    for operation in operations:
        for name, raw in keys.items():
            _exercise(operation, raw, statuses, cross=name == "other")
    assert statuses[200] > 20 and statuses[403] > 0 and statuses[404] > 0, statuses


def _exercise(operation: Any, raw: str, statuses: Counter[int], *, cross: bool) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        if cross and case.path_parameters and "code" in case.path_parameters:
            case.path_parameters["code"] = "A-VICTIM"
        response = case.call_and_validate(headers={"Authorization": f"Bearer {raw}"}, checks=CHECKS)
        statuses[response.status_code] += 1
        if cross and case.path_parameters and case.method.upper() != "PUT" and "code" in case.path_parameters:
            assert response.status_code in (400, 401, 403, 404, 409, 413, 415, 422), response.text[:300]
            assert response.status_code != 200

    run()
