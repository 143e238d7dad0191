"""The API's identity, keys, errors and limits, through HTTP (real database, no mocks)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eiso.api.choices import Scope
from eiso.api.models import ApiKey
from eiso.api.tests.keys import bearer, client_of, key_for
from eiso.core.models import DomainEvent
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def test_a_key_reads_as_its_client_not_as_a_person(client: Client, personas: Personas) -> None:
    response = client.get(ME, headers=bearer(key_for(personas.agency, [Scope.READ])))
    assert response.status_code == 200
    assert response.json() | {"visible_agencies": []} == {
        "name": "Hệ thống một cửa tỉnh",
        "kind": "client",
        "agency": {"code": personas.agency.code, "name": personas.agency.name},
        "scopes": ["read"],
        "visible_agencies": [],
    }


def test_only_the_digest_is_stored_and_the_last_use_is_recorded(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency)
    client.get(ME, REMOTE_ADDR="10.1.2.3", headers=bearer(raw))
    key = ApiKey.objects.get()
    assert raw not in (key.digest, key.prefix)
    assert key.last_used_address == "10.1.2.3" and key.last_used_at is not None


def test_a_wrong_key_gets_a_problem_in_vietnamese_by_default(client: Client, personas: Personas) -> None:
    response = client.get(ME, HTTP_AUTHORIZATION="Bearer eiso_nope")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["type"].endswith("/unauthenticated")
    assert "Khóa API không hợp lệ" in body["detail"]


def test_the_problem_follows_accept_language(client: Client, personas: Personas) -> None:
    response = client.get(ME, HTTP_AUTHORIZATION="Bearer eiso_nope", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8")
    assert response.json()["detail"] == "The API key is invalid, expired or revoked."
    assert response.json()["title"] == "Not authenticated"


def test_an_expired_key_is_refused(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency)
    ApiKey.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(ME, headers=bearer(raw)).status_code == 401


def test_an_anonymous_request_gets_401_with_www_authenticate(client: Client, personas: Personas) -> None:
    response = client.get(ME)
    assert response.status_code == 401 and "Bearer" in response["WWW-Authenticate"]


def test_unknown_paths_and_methods_answer_problems_not_html(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency)
    for path in ("/api/v1", "/api/v1/nothing/here"):
        response = client.get(path, headers=bearer(raw))
        assert (response.status_code, response["Content-Type"]) == (404, "application/problem+json"), path
    assert client.get("/api/v1/").json()["openapi"] == "/api/v1/openapi.json", (
        "the root says where the schema is"
    )
    response = client.delete(ME, headers=bearer(raw))
    assert response.status_code == 405 and response.json()["status"] == 405


def test_a_body_over_the_limit_gets_413_and_a_non_json_body_415(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency)
    big = b"{" + b" " * (2 * 1024 * 1024 + 10) + b"}"
    batch = "/api/v1/dossiers:batch"
    response = client.post(batch, big, content_type="application/json", headers=bearer(raw))
    assert response.status_code == 413
    response = client.post(batch, "a=b", content_type="text/plain", headers=bearer(raw))
    assert response.status_code == 415


def test_each_key_has_its_own_rate_limit_with_retry_after(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency, rate=2)
    other = key_for(personas.agency, rate=2)
    assert [client.get(ME, headers=bearer(raw)).status_code for _ in range(2)] == [200, 200]
    refused = client.get(ME, headers=bearer(raw))
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert client.get(ME, headers=bearer(other)).status_code == 200


def test_a_read_key_cannot_write(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency, [Scope.READ])
    response = client.post(
        "/api/v1/dossiers:batch", {"items": []}, content_type="application/json", headers=bearer(raw)
    )
    assert response.status_code in (403, 422)
    response = client.put(
        "/api/v1/dossiers/X-1",
        {"procedure_code": "1", "status": 2, "received_at": "2017-03-02T09:00:00+07:00"},
        content_type="application/json",
        headers=bearer(raw),
    )
    assert response.status_code == 403 and "dossiers:write" in response.json()["detail"]


def test_a_browser_session_reads_and_its_writes_need_the_csrf_token(personas: Personas) -> None:
    browser = client_for(personas.officer)
    assert browser.get(ME).json()["kind"] == "person"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.officer.user)  # type: ignore[arg-type]
    response = browser.put(
        "/api/v1/dossiers/X-1",
        {"procedure_code": "1", "status": 2, "received_at": "2017-03-02T09:00:00+07:00"},
        content_type="application/json",
    )
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_the_schema_is_openapi_3_1_and_the_docs_page_uses_local_assets(
    client: Client, personas: Personas
) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert {"/api/v1/dossiers", "/api/v1/dossiers:batch", "/api/v1/statistics/ii06a"} <= set(schema["paths"])
    page = client.get(reverse("api:docs"))
    html = page.content.decode()
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "<script>" not in html
    assert "http" not in html.split("<body>")[1].replace("/api/v1/openapi.json", "")


def test_the_secretary_adds_a_client_and_a_key_shown_once(personas: Personas) -> None:
    browser = client_for(personas.secretary)
    browser.post(reverse("api:keys"), {"create_client": "", "client-name": "Một cửa tỉnh"})
    api_client = client_of(personas.agency, "Một cửa tỉnh")
    response = browser.post(
        reverse("api:keys"),
        {
            "create_key": "",
            "key-client": api_client.pk,
            "key-scopes": ["read", "dossiers:write"],
            "key-expires_on": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
            "key-rate_per_minute": 100,
        },
    )
    assert response.status_code == 200 and "eiso_" in response.content.decode()
    assert "eiso_" not in browser.get(reverse("api:keys")).content.decode()
    key = ApiKey.objects.get()
    assert key.scopes == ["dossiers:write", "read"] and key.rate_per_minute == 100
    assert DomainEvent.objects.filter(verb="api_key.created", actor=personas.secretary).exists()


def test_revoking_asks_for_confirmation_first(client: Client, personas: Personas) -> None:
    raw = key_for(personas.agency)
    key = ApiKey.objects.get()
    browser = client_for(personas.secretary)
    url = reverse("api:key_revoke", kwargs={"pk": key.pk})
    assert "Thu hồi khóa" in browser.get(url).content.decode()
    assert client.get(ME, headers=bearer(raw)).status_code == 200
    assert browser.post(url).status_code == 302
    assert client.get(ME, headers=bearer(raw)).status_code == 401


def test_an_officer_cannot_manage_keys(personas: Personas) -> None:
    assert client_for(personas.officer).get(reverse("api:keys")).status_code == 403


def test_the_key_page_no_longer_offers_to_act_as_a_person(personas: Personas) -> None:
    html = client_for(personas.secretary).get(reverse("api:keys")).content.decode()
    assert "Thay mặt cán bộ" not in html and "quyền của cán bộ" not in html
