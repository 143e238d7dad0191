import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from eiso.core.models import Person
from eiso.core.testing import PASSWORD, Personas, client_for

pytestmark = pytest.mark.django_db


def _username(person: Person) -> str:
    assert person.user is not None
    return person.user.username


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_vietnamese_by_default(client: Client) -> None:
    response = client.get(reverse("login"))
    assert "Đăng nhập" in response.content.decode()
    assert 'lang="vi"' in response.content.decode()


def test_staff_member_logs_in_with_password_and_sees_dashboard(client: Client, personas: Personas) -> None:
    response = client.post(
        reverse("login"), {"username": _username(personas.secretary), "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert personas.agency.name in response.content.decode()


def test_passwords_are_hashed_with_argon2_in_production_settings() -> None:
    from eiso import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_is_locked_after_repeated_failures(client: Client, personas: Personas) -> None:
    username = _username(personas.officer)
    for _ in range(5):
        client.post(reverse("login"), {"username": username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_wrong_password_gets_a_message_in_vietnamese(client: Client, personas: Personas) -> None:
    response = client.post(reverse("login"), {"username": _username(personas.officer), "password": "x"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_a_user_without_staff_record_is_refused(client: Client) -> None:
    user = get_user_model().objects.create_user("lonely", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("core:dashboard")).status_code == 403


def test_inactive_person_is_refused(personas: Personas) -> None:
    Person.objects.filter(pk=personas.officer.pk).update(is_active=False)
    assert client_for(personas.officer).get(reverse("core:dashboard")).status_code == 403


def test_supervisor_reads_agencies_of_the_province_but_not_others(personas: Personas) -> None:
    client = client_for(personas.supervisor)
    response = client.post(reverse("core:switch_agency"), {"agency": personas.agency.pk}, follow=True)
    assert response.status_code == 200
    assert personas.agency.name in response.content.decode()
    assert "chỉ xem" in response.content.decode()
    refused = client.post(reverse("core:switch_agency"), {"agency": personas.other_agency.pk})
    assert refused.status_code == 403


def test_supervisor_cannot_write_to_an_agency_it_supervises(personas: Personas) -> None:
    client = client_for(personas.supervisor)
    client.post(reverse("core:switch_agency"), {"agency": personas.agency.pk})
    response = client.post(reverse("core:notifications"))
    assert response.status_code == 403


def test_ordinary_user_cannot_switch_to_another_agency(personas: Personas) -> None:
    response = client_for(personas.secretary).post(
        reverse("core:switch_agency"), {"agency": personas.other_agency.pk}
    )
    assert response.status_code == 403


def test_session_expires_and_is_not_kept_after_browser_close() -> None:
    from eiso import settings

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
