import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.audits.tests.factories import DAY
from eiso.core.testing import Personas, client_for
from eiso.improvements import services
from eiso.improvements.choices import CarState
from eiso.improvements.models import CorrectiveAction
from eiso.improvements.tests.factories import make_car, planned_car

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2017, 8, 1, 9, tzinfo=dt.UTC)


def test_a_request_cannot_go_for_approval_without_a_planned_action(personas: Personas) -> None:
    car = make_car(personas)
    services.corrective_action_analyse(
        car=car, actor=personas.division_head, root_cause="x", due_on=DAY, verify_after=DAY
    )
    with pytest.raises(ValidationError, match="ít nhất một hành động"):
        services.corrective_action_submit(car=car, actor=personas.division_head)


def test_a_request_cannot_start_before_it_is_approved(personas: Personas) -> None:
    car = make_car(personas)
    with pytest.raises(ValidationError, match="không thể thực hiện"):
        services.corrective_action_approve(car=car, actor=personas.director, at=NOW)


def test_only_the_head_of_the_nonconformitys_division_or_the_secretary_plans(personas: Personas) -> None:
    car = make_car(personas)
    with pytest.raises(ValidationError, match="trưởng phòng"):
        services.corrective_action_analyse(car=car, actor=personas.officer, root_cause="x")


def test_an_officer_cannot_approve_a_plan(personas: Personas) -> None:
    car = planned_car(personas)
    car.state = CarState.AWAITING_APPROVAL
    with pytest.raises(ValidationError, match="không có quyền phê duyệt"):
        services.corrective_action_approve(car=car, actor=personas.officer, at=NOW)


def test_the_last_action_done_sends_the_request_to_verification(personas: Personas) -> None:
    car = planned_car(personas)
    assert car.state == CarState.IN_PROGRESS
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=NOW, note="Đã phổ biến")
    car.refresh_from_db()
    assert car.state == CarState.VERIFYING


def test_verification_before_the_set_date_is_refused(personas: Personas) -> None:
    car = planned_car(personas)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=NOW)
    car.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.corrective_action_verify(car=car, actor=personas.auditor, on=DAY, result="effective")
    assert "on" in caught.value.error_dict


def test_an_effective_request_is_closed(personas: Personas) -> None:
    car = planned_car(personas)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=NOW)
    car.refresh_from_db()
    services.corrective_action_verify(
        car=car, actor=personas.auditor, on=dt.date(2017, 9, 1), result="effective"
    )
    assert (car.state, car.closed_on, car.verified_by) == (
        CarState.CLOSED,
        dt.date(2017, 9, 1),
        personas.auditor,
    )


def test_a_request_not_effective_is_forwarded_to_a_linked_follow_up(personas: Personas) -> None:
    car = planned_car(personas)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=NOW)
    car.refresh_from_db()
    services.corrective_action_verify(
        car=car, actor=personas.secretary, on=dt.date(2017, 9, 1), result="not_effective", note="Vẫn tái diễn"
    )
    follow_up = CorrectiveAction.objects.get(follow_up_of=car)
    assert car.state == CarState.FORWARDED
    assert (follow_up.state, follow_up.nonconformity_id) == (CarState.PROPOSED, car.nonconformity_id)


def test_an_officer_cannot_verify_effectiveness(personas: Personas) -> None:
    car = planned_car(personas)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=NOW)
    car.refresh_from_db()
    with pytest.raises(ValidationError, match="xác minh"):
        services.corrective_action_verify(
            car=car, actor=personas.officer, on=dt.date(2017, 9, 1), result="effective"
        )


def test_cancelling_needs_a_reason_and_keeps_the_record(personas: Personas) -> None:
    car = make_car(personas)
    with pytest.raises(ValidationError):
        services.corrective_action_cancel(car=car, actor=personas.secretary, reason=" ")
    services.corrective_action_cancel(car=car, actor=personas.secretary, reason="Trùng phiếu")
    assert CorrectiveAction.objects.get(pk=car.pk).state == CarState.CANCELLED


def test_a_second_open_request_for_the_same_nonconformity_is_refused(personas: Personas) -> None:
    car = make_car(personas)
    with pytest.raises(ValidationError, match="đang mở"):
        services.corrective_action_request(nonconformity=car.nonconformity, actor=personas.secretary, on=DAY)


def test_request_numbers_count_within_the_year(personas: Personas) -> None:
    assert [make_car(personas).number for _ in range(2)] == ["01/2017", "02/2017"]


def test_the_four_parts_are_walked_through_the_screens(personas: Personas) -> None:
    car = make_car(personas)
    url = reverse("improvements:car_detail", kwargs={"pk": car.pk})
    head = client_for(personas.division_head)
    response = head.post(reverse("improvements:car_submit", kwargs={"pk": car.pk}))
    assert response.status_code == 400  # still "proposed": a translated state error, nothing lost
    response = head.post(
        reverse("improvements:car_analyse", kwargs={"pk": car.pk}),
        {"root_cause": "", "due_on": "2017-08-30", "verify_after": "2017-09-01"},
    )
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    head.post(
        reverse("improvements:car_analyse", kwargs={"pk": car.pk}),
        {"root_cause": "Chưa phổ biến", "whys": "a\nb", "due_on": "2017-08-30", "verify_after": "2017-09-01"},
    )
    head.post(
        reverse("improvements:action_add", kwargs={"pk": car.pk}),
        {"description": "Phổ biến", "owner": personas.officer.pk, "deadline": "2017-08-20"},
    )
    assert head.post(reverse("improvements:car_submit", kwargs={"pk": car.pk})).status_code == 302
    client_for(personas.director).post(
        reverse("improvements:car_approve", kwargs={"pk": car.pk}), {"note": "Đồng ý"}
    )
    item = car.actions.get()
    client_for(personas.officer).post(
        reverse("improvements:action_done", kwargs={"pk": item.pk}), {"note": "Xong"}
    )
    client_for(personas.auditor).post(
        reverse("improvements:car_verify", kwargs={"pk": car.pk}),
        {"result": "effective", "on": "2017-09-05", "note": ""},
    )
    car.refresh_from_db()
    assert car.state == CarState.CLOSED
    assert client_for(personas.viewer).get(url).status_code == 200


def test_the_improvement_pages_render(personas: Personas) -> None:
    make_car(personas)
    client = client_for(personas.secretary)
    for name in ("list", "nc_list", "nc_create", "proposals", "my_tasks"):
        assert client.get(reverse(f"improvements:{name}")).status_code == 200, name
    assert client.get(reverse("core:dashboard")).status_code == 200
