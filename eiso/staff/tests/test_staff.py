import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from eiso.core.choices import Role
from eiso.core.models import DomainEvent, Person, SteeringCommittee
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def _add_officer(client: Client, personas: Personas, username: str = "ctv.moi") -> Person:
    response = client.post(
        reverse("staff:person_create"),
        {
            "full_name": "Trần Thị Mới",
            "username": username,
            "email": "moi@example.gov.vn",
            "title": "Chuyên viên",
            "division": personas.division.pk,
            "roles": [Role.OFFICER],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Person.objects.get(user__username=username)


def _link_in(message: str) -> str:
    match = re.search(r"https?://[^/]+(/dat-mat-khau/\S+/)", message)
    assert match, message
    return match.group(1)


def test_the_secretary_adds_an_officer_who_sets_a_password_from_the_emailed_link(personas: Personas) -> None:
    person = _add_officer(client_for(personas.secretary), personas)
    assert person.roles == {Role.OFFICER}
    assert person.division == personas.division
    assert person.user is not None and not person.user.has_usable_password()
    assert mail.outbox[-1].to == ["moi@example.gov.vn"]
    link = _link_in(str(mail.outbox[-1].body))

    browser = Client()
    form_page = browser.get(link, follow=True)
    assert "Đặt mật khẩu" in form_page.content.decode()
    done = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "mat-khau-rat-dai-2017", "new_password2": "mat-khau-rat-dai-2017"},
    )
    assert done.status_code == 302
    person.user.refresh_from_db()
    assert person.user.check_password("mat-khau-rat-dai-2017")
    assert DomainEvent.objects.filter(verb="person.created", target_id=person.pk).exists()


def test_an_officer_cannot_open_the_staff_pages(personas: Personas) -> None:
    client = client_for(personas.officer)
    assert client.get(reverse("staff:person_create")).status_code == 403
    assert client.get(reverse("staff:committee_edit")).status_code == 403


def test_the_supervisor_role_is_never_offered(personas: Personas) -> None:
    client = client_for(personas.secretary)
    html = client.get(reverse("staff:person_create")).content.decode()
    assert f'value="{Role.SUPERVISOR}"' not in html
    response = client.post(
        reverse("staff:person_edit", args=[personas.officer.pk]),
        {"full_name": "X", "email": "x@example.gov.vn", "roles": [Role.SUPERVISOR]},
    )
    assert response.status_code == 400
    assert not personas.officer.role_grants.filter(role=Role.SUPERVISOR).exists()


def test_changing_roles_and_division_is_recorded(personas: Personas) -> None:
    client = client_for(personas.director)
    response = client.post(
        reverse("staff:person_edit", args=[personas.officer.pk]),
        {
            "full_name": personas.officer.full_name,
            "email": personas.officer.email,
            "division": personas.office.pk,
            "roles": [Role.OFFICER, Role.AUDITOR],
            "salutation": "bà",
        },
    )
    assert response.status_code == 302
    officer = Person.objects.get(pk=personas.officer.pk)
    assert officer.roles == {Role.OFFICER, Role.AUDITOR}
    assert officer.division == personas.office
    assert officer.salutation == "bà" and officer.named == f"bà {officer.full_name}"


def test_deactivating_keeps_the_record_and_blocks_the_login(personas: Personas) -> None:
    client = client_for(personas.secretary)
    client.post(reverse("staff:person_active", args=[personas.officer.pk]), {"active": "0"})
    officer = Person.objects.get(pk=personas.officer.pk)
    assert officer.user is not None
    assert not officer.is_active and not officer.user.is_active
    assert "Tất cả" in client.get(reverse("staff:index") + "?show=all").content.decode()
    assert officer.full_name in client.get(reverse("staff:index") + "?show=all").content.decode()
    assert officer.full_name not in client.get(reverse("staff:index")).content.decode()


def test_a_division_can_be_added_and_renamed_but_not_closed_while_staffed(personas: Personas) -> None:
    client = client_for(personas.secretary)
    client.post(
        reverse("staff:division_create"), {"code": "P2", "name": "Phòng Hai", "order": 3, "is_active": "on"}
    )
    division = personas.agency.divisions.get(code="P2")
    client.post(
        reverse("staff:division_edit", args=[division.pk]),
        {"code": "P2", "name": "Phòng Hai mới", "order": 3, "is_active": "on"},
    )
    division.refresh_from_db()
    assert division.name == "Phòng Hai mới"
    response = client.post(
        reverse("staff:division_edit", args=[personas.division.pk]), {"code": "P1", "name": "x", "order": 0}
    )
    assert response.status_code == 400
    assert "còn cán bộ" in response.content.decode()


def test_a_new_steering_committee_decision_replaces_the_current_one(personas: Personas) -> None:
    client = client_for(personas.secretary)
    for number in ("1/QĐ", "2/QĐ"):
        response = client.post(
            reverse("staff:committee_edit"),
            {
                "decision_number": number,
                "decision_date": "15/03/2018",
                "head": personas.director.pk,
                "secretary": personas.secretary.pk,
                "members": [personas.division_head.pk, personas.deputy.pk],
            },
        )
        assert response.status_code == 302
    current = SteeringCommittee.objects.get(agency=personas.agency, is_current=True)
    assert current.decision_number == "2/QĐ"
    assert set(current.members.all()) == {personas.division_head, personas.deputy}
    assert SteeringCommittee.objects.filter(agency=personas.agency).count() == 2


def test_quality_policy_versions_and_qms_profile(personas: Personas) -> None:
    client = client_for(personas.secretary)
    client.post(
        reverse("staff:policy_create"),
        {"text": "Chính sách mới", "approved_on": "01/02/2018", "approved_by": personas.director.pk},
    )
    client.post(
        reverse("staff:profile_edit"),
        {"standard": "TCVN ISO 9001:2015", "scope": "46 TTHC", "announced_on": "20/06/2016"},
    )
    html = client.get(reverse("staff:index")).content.decode()
    assert "Chính sách mới" in html and "Phiên bản 1" in html
    assert "46 TTHC" in html and "20/06/2016" in html


def test_a_province_administrator_creates_an_agency_with_its_first_secretary(personas: Personas) -> None:
    client = client_for(personas.supervisor)
    response = client.post(
        reverse("staff:agency_create"),
        {
            "code": "SNV-KH",
            "name": "Sở Nội vụ",
            "short_name": "SNV",
            "secretary_name": "Lê Thư Ký",
            "secretary_username": "thuky.snv",
            "secretary_email": "thuky@snv.gov.vn",
        },
    )
    assert response.status_code == 302
    secretary = Person.objects.get(user__username="thuky.snv")
    assert secretary.agency.province == personas.supervisor.agency.province
    assert secretary.roles == {Role.ISO_SECRETARY, Role.STEERING_MEMBER}
    assert mail.outbox[-1].to == ["thuky@snv.gov.vn"]
    assert client_for(personas.secretary).get(reverse("staff:agency_create")).status_code == 403


def test_forgot_password_sends_a_link_in_the_apps_layout(personas: Personas) -> None:
    login_page = Client().get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page
    assert reverse("portal:home") in login_page
    response = Client().post(reverse("password_reset"), {"email": personas.officer.email})
    assert response.status_code == 302
    assert "/dat-mat-khau/" in mail.outbox[-1].body
    assert get_user_model().objects.filter(email=personas.officer.email).exists()


def test_the_password_change_page_uses_the_apps_layout(personas: Personas) -> None:
    html = client_for(personas.officer).get(reverse("password_change")).content.decode()
    assert "eiso-sidebar" in html and "Đổi mật khẩu" in html
