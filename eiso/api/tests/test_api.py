import pytest
from django.test import Client
from django.urls import reverse

from eiso.api.models import ApiToken
from eiso.api.services import api_token_create
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def _key(personas: Personas) -> str:
    _, key = api_token_create(person=personas.secretary, name="Cổng DVC tỉnh", actor=personas.secretary)
    return key


def test_a_bearer_key_reads_its_own_agency(client: Client, personas: Personas) -> None:
    response = client.get(reverse("api:agency"), HTTP_AUTHORIZATION=f"Bearer {_key(personas)}")
    assert response.status_code == 200
    assert response.json()["code"] == personas.agency.code
    assert {"code": "P1", "name": "Phòng Chuyên môn 1"} in response.json()["divisions"]


def test_a_wrong_key_gets_401_with_a_reason_in_vietnamese(client: Client, personas: Personas) -> None:
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer eiso_nope")
    assert response.status_code == 401
    assert "Khóa API không hợp lệ" in response.json()["error"]


def test_the_reason_follows_the_requested_language(client: Client, personas: Personas) -> None:
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Bearer eiso_nope", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"] == "The API key is invalid or has been revoked."


def test_an_anonymous_request_gets_401(client: Client, personas: Personas) -> None:
    assert client.get(reverse("api:me")).status_code == 401


def test_a_logged_in_browser_session_may_read(personas: Personas) -> None:
    response = client_for(personas.officer).get(reverse("api:me"))
    assert response.status_code == 200
    assert response.json()["full_name"] == personas.officer.full_name


def test_a_revoked_key_no_longer_works(client: Client, personas: Personas) -> None:
    key = _key(personas)
    token = ApiToken.objects.get()
    secretary = client_for(personas.secretary)
    assert secretary.post(reverse("api:token_revoke", kwargs={"pk": token.pk})).status_code == 302
    assert client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_only_the_key_digest_is_stored(personas: Personas) -> None:
    key = _key(personas)
    token = ApiToken.objects.get()
    assert key not in (token.digest, token.prefix) and token.digest != key


def test_an_unsupported_method_gets_405(client: Client, personas: Personas) -> None:
    response = client.delete(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {_key(personas)}")
    assert response.status_code == 405


def test_the_secretary_creates_a_key_and_sees_it_once(personas: Personas) -> None:
    client = client_for(personas.secretary)
    response = client.post(reverse("api:tokens"), {"name": "Một cửa", "person": personas.officer.pk})
    assert response.status_code == 200
    assert "eiso_" in response.content.decode()
    assert "eiso_" not in client.get(reverse("api:tokens")).content.decode()


def test_an_officer_cannot_manage_keys(personas: Personas) -> None:
    assert client_for(personas.officer).get(reverse("api:tokens")).status_code == 403
