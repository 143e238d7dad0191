"""Correcting a nonconformity until its corrective action is approved, cancelling it with a reason, and the
dates of a corrective action checked against its request."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.audits.tests.factories import DAY
from eiso.core.testing import Personas, client_for
from eiso.improvements import services
from eiso.improvements.choices import CarState
from eiso.improvements.models import Nonconformity
from eiso.improvements.tests.factories import make_car, planned_car

pytestmark = pytest.mark.django_db


def _nc(p: Personas) -> Nonconformity:
    return services.nonconformity_raise(
        agency=p.agency, actor=p.secretary, description="Ghi nhầm phòng", raised_on=DAY, division=p.office
    )


def test_the_secretary_corrects_a_nonconformity_and_the_change_is_kept(personas: Personas) -> None:
    nc = _nc(personas)
    response = client_for(personas.secretary).post(
        reverse("improvements:nc_edit", args=[nc.pk]),
        {
            "source_kind": "manual",
            "division": personas.division.pk,
            "description": "Hồ sơ thiếu phiếu kiểm soát",
            "raised_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 302
    nc.refresh_from_db()
    assert (nc.division, nc.description) == (personas.division, "Hồ sơ thiếu phiếu kiểm soát")
    assert nc.history.count() == 2


def test_a_nonconformity_is_cancelled_with_a_reason_and_offers_no_request(personas: Personas) -> None:
    nc = _nc(personas)
    client = client_for(personas.secretary)
    client.post(reverse("improvements:nc_cancel", args=[nc.pk]), {"reason": "Ghi trùng"})
    nc.refresh_from_db()
    assert nc.cancelled_on is not None and nc.cancel_reason == "Ghi trùng"
    page = client.get(reverse("improvements:nc_list")).content.decode()
    assert "Ghi trùng" in page
    assert reverse("improvements:car_request", args=[nc.pk]) not in page


def test_once_the_plan_is_approved_the_nonconformity_is_final(personas: Personas) -> None:
    car = planned_car(personas)
    improvements_nc = car.nonconformity
    assert car.state == CarState.IN_PROGRESS
    with pytest.raises(ValidationError, match="không còn sửa được"):
        services.nonconformity_update(
            nc=improvements_nc, actor=personas.secretary, description="x", raised_on=DAY
        )
    page = client_for(personas.secretary).get(reverse("improvements:nc_list")).content.decode()
    assert reverse("improvements:nc_edit", args=[improvements_nc.pk]) not in page


def test_a_corrective_action_deadline_cannot_precede_the_request(personas: Personas) -> None:
    car = make_car(personas)
    response = client_for(personas.division_head).post(
        reverse("improvements:car_analyse", args=[car.pk]),
        {
            "root_cause": "Nguyên nhân đã gõ",
            "due_on": (DAY - dt.timedelta(days=1)).isoformat(),
            "verify_after": DAY.isoformat(),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không được trước ngày yêu cầu" in page and "Nguyên nhân đã gõ" in page


def test_saving_the_analysis_and_submitting_it_is_one_step_that_keeps_the_text_when_refused(
    personas: Personas,
) -> None:
    car = make_car(personas)
    data = {
        "root_cause": "Chưa phổ biến quy trình",
        "due_on": (DAY + dt.timedelta(days=10)).isoformat(),
        "verify_after": (DAY + dt.timedelta(days=20)).isoformat(),
        "act": "submit",
    }
    client = client_for(personas.division_head)
    refused = client.post(reverse("improvements:car_analyse", args=[car.pk]), data)
    assert refused.status_code == 400  # no action planned yet
    assert "Chưa phổ biến quy trình" in refused.content.decode()
    car.refresh_from_db()
    assert car.root_cause == ""
    services.action_item_add(
        car=car,
        actor=personas.division_head,
        description="Phổ biến lại",
        owner=personas.officer,
        deadline=DAY + dt.timedelta(days=5),
    )
    client.post(reverse("improvements:car_analyse", args=[car.pk]), data)
    car.refresh_from_db()
    assert (car.root_cause, car.state) == ("Chưa phổ biến quy trình", CarState.AWAITING_APPROVAL)


def test_only_the_owner_of_an_action_is_offered_to_report_it_done(personas: Personas) -> None:
    car = planned_car(personas)
    url = reverse("improvements:car_detail", args=[car.pk])
    assert "Đã hoàn thành" in client_for(personas.officer).get(url).content.decode()
    assert "Đã hoàn thành" not in client_for(personas.auditor).get(url).content.decode()
