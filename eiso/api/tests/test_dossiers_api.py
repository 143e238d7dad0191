"""Dossier writes and reads through the API: the same rules as the file import and the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from eiso.api.choices import Scope
from eiso.api.models import ApiClient
from eiso.api.tests.keys import bearer, key_for
from eiso.core.models import DomainEvent
from eiso.core.testing import Personas
from eiso.dossiers.models import Dossier
from eiso.dossiers.tests.factories import make_procedure

pytestmark = pytest.mark.django_db
SNAPSHOT = {
    "procedure_code": "1.001",
    "status": 2,
    "received_at": "2017-03-02T09:15:00+07:00",
    "channel": "online",
}


@pytest.fixture
def raw(personas: Personas) -> str:
    make_procedure(personas.agency, code="1.001", days="10")
    make_procedure(personas.other_agency, code="1.001", days="10")
    return key_for(personas.agency)


def _put(client: Client, raw: str, code: str, body: dict[str, Any]) -> Any:
    return client.put(f"/api/v1/dossiers/{code}", body, content_type="application/json", headers=bearer(raw))


def _event(client: Client, raw: str, code: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(
        f"/api/v1/dossiers/{code}/events",
        body,
        content_type="application/json",
        headers=bearer(raw) | headers,
    )


def test_put_creates_then_is_idempotent_then_updates(client: Client, personas: Personas, raw: str) -> None:
    assert _put(client, raw, "A-1", SNAPSHOT).json() == {"code": "A-1", "result": "created"}
    assert _put(client, raw, "A-1", SNAPSHOT).json()["result"] == "unchanged"
    done = SNAPSHOT | {"status": 9, "resolved_at": "2017-03-10T10:00:00+07:00"}
    assert _put(client, raw, "A-1", done).json()["result"] == "updated"
    dossier = Dossier.objects.get(agency=personas.agency, code="A-1")
    identity = ApiClient.objects.get().identity
    assert dossier.status == 9 and str(dossier.due_date) == "2017-03-16"
    assert DomainEvent.objects.filter(actor=identity, target_id=dossier.pk, verb="dossier.updated").exists()
    assert dossier.history.filter(history_user=identity.user).count() == 2


def test_put_refuses_what_the_import_refuses_with_the_field(client: Client, raw: str) -> None:
    response = _put(client, raw, "A-2", SNAPSHOT | {"status": 9})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("status")
    response = _put(client, raw, "A-2", SNAPSHOT | {"procedure_code": "9.999"})
    assert response.status_code == 422 and "9.999" in response.json()["detail"] + str(
        response.json()["errors"]
    )
    assert not Dossier.objects.filter(code="A-2").exists()


def test_events_follow_the_state_machine_of_the_pages(client: Client, personas: Personas, raw: str) -> None:
    received = {"kind": "received", "at": "2017-03-02T09:15:00+07:00", "procedure_code": "1.001"}
    assert _event(client, raw, "E-1", received).status_code == 201
    illegal = _event(client, raw, "E-1", {"kind": "returned", "at": "2017-03-03T09:00:00+07:00"})
    assert illegal.status_code == 409 and "E-1" in illegal.json()["detail"]
    _event(client, raw, "E-1", {"kind": "transferred", "at": "2017-03-02T10:00:00+07:00", "division": "P1"})
    done = _event(client, raw, "E-1", {"kind": "resolved", "at": "2017-03-08T10:00:00+07:00"})
    body = done.json()
    assert done.status_code == 200 and body["status"] == 9 and body["timeliness"] == "early"
    assert [e["kind"] for e in body["timeline"]] == ["received", "transferred", "resolved"]
    assert body["timeline"][0]["actor"] == "Hệ thống một cửa tỉnh"
    assert body["due"]["due_date"] == "2017-03-16" and body["due"]["explanation"]
    assert _event(
        client, raw, "E-1", {"kind": "extended", "at": "2017-03-08T11:00:00+07:00"}
    ).status_code in (
        409,
        422,
    )


def test_a_retried_event_with_the_same_idempotency_key_is_applied_once(client: Client, raw: str) -> None:
    received = {"kind": "received", "at": "2017-03-02T09:15:00+07:00", "procedure_code": "1.001"}
    _event(client, raw, "E-2", received)
    request = {"kind": "supplement_requested", "at": "2017-03-02T10:00:00+07:00", "reason": "Thiếu giấy tờ"}
    first = _event(client, raw, "E-2", request, **{"Idempotency-Key": "k-1"})
    again = _event(client, raw, "E-2", request, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert Dossier.objects.get(code="E-2").supplement_count == 1
    other = _event(client, raw, "E-2", request | {"reason": "khác"}, **{"Idempotency-Key": "k-1"})
    assert other.status_code == 422


def test_a_batch_is_all_or_nothing_with_per_item_errors(client: Client, raw: str) -> None:
    items = [SNAPSHOT | {"code": f"B-{n}"} for n in range(5)]
    items[3] = items[3] | {"status": 10}
    url = "/api/v1/dossiers:batch"
    refused = client.post(url, {"items": items}, content_type="application/json", headers=bearer(raw))
    assert refused.status_code == 422
    assert {e["index"] for e in refused.json()["errors"]} == {3}
    assert not Dossier.objects.filter(code__startswith="B-").exists()
    items[3] = SNAPSHOT | {"code": "B-3"}
    accepted = client.post(url, {"items": items}, content_type="application/json", headers=bearer(raw))
    assert accepted.json()["created"] == 5
    too_many = {"items": [SNAPSHOT | {"code": f"C-{n}"} for n in range(1001)]}
    assert client.post(url, too_many, content_type="application/json", headers=bearer(raw)).status_code == 422


def test_the_list_filters_like_the_page_and_pages_by_cursor(client: Client, raw: str) -> None:
    for n in range(5):
        _put(client, raw, f"L-{n}", SNAPSHOT | {"channel": "direct"})
    _put(client, raw, "L-9", SNAPSHOT | {"received_at": "2018-01-05T09:00:00+07:00"})
    first = client.get(
        "/api/v1/dossiers", {"date_to": "2017-12-31", "limit": "3"}, headers=bearer(raw)
    ).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    rest = client.get(
        "/api/v1/dossiers",
        {"date_to": "2017-12-31", "limit": 3, "cursor": first["next_cursor"]},
        headers=bearer(raw),
    ).json()
    codes = [d["code"] for d in first["items"] + rest["items"]]
    assert sorted(codes) == [f"L-{n}" for n in range(5)] and rest["next_cursor"] is None
    overdue = client.get("/api/v1/dossiers", {"timeliness": "pending_overdue"}, headers=bearer(raw)).json()
    assert {d["code"] for d in overdue["items"]} == {*codes, "L-9"}
    since = client.get(
        "/api/v1/dossiers", {"updated_since": "2100-01-01T00:00:00Z"}, headers=bearer(raw)
    ).json()
    assert since["items"] == []


def test_another_agencys_codes_are_404_and_its_dossiers_untouched(
    client: Client, personas: Personas, raw: str
) -> None:
    theirs = key_for(personas.other_agency, name="Một cửa khác")
    _put(client, theirs, "X-1", SNAPSHOT)
    assert client.get("/api/v1/dossiers/X-1", headers=bearer(raw)).status_code == 404
    assert (
        _event(client, raw, "X-1", {"kind": "resolved", "at": "2017-03-03T09:00:00+07:00"}).status_code == 404
    )
    response = client.get("/api/v1/procedures", {"agency": personas.other_agency.code}, headers=bearer(raw))
    assert response.status_code == 404
    assert Dossier.objects.get(code="X-1").status == 2


def test_the_provincial_supervisor_reads_the_province_and_writes_nothing(
    client: Client, personas: Personas, raw: str
) -> None:
    _put(client, raw, "S-1", SNAPSHOT)
    supervisor = key_for(personas.supervisor.agency, [Scope.READ, Scope.DOSSIERS_WRITE], name="Sở KH&CN")
    code = personas.agency.code
    assert client.get("/api/v1/dossiers/S-1", {"agency": code}, headers=bearer(supervisor)).status_code == 200
    stats = client.get("/api/v1/statistics/ii06a", {"agency": code}, headers=bearer(supervisor))
    assert stats.status_code == 200 and stats.json()["agency"] == code
    assert _put(client, supervisor, "S-2", SNAPSHOT).status_code == 403
    other = client.get("/api/v1/risks", {"agency": personas.other_agency.code}, headers=bearer(supervisor))
    assert other.status_code == 404


def test_every_read_endpoint_answers_for_the_own_agency(client: Client, raw: str) -> None:
    for path in (
        "/api/v1/procedures",
        "/api/v1/statistics/ii06a",
        "/api/v1/objectives",
        "/api/v1/surveys/results",
        "/api/v1/documents",
        "/api/v1/nonconformities",
        "/api/v1/risks",
        "/api/v1/management-reviews",
    ):
        response = client.get(path, headers=bearer(raw))
        assert response.status_code == 200, (path, response.content[:300])
