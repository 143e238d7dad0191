"""The corrective-action request as a state machine, checked against a model written from the practice the
domain guide describes (Đề xuất → Phân tích → Chờ phê duyệt → Đang thực hiện → Đang xác minh → Đã đóng |
Chuyển tiếp, or Đã hủy): for any sequence of moves by any person, a move the model allows happens and
leaves one event; a move it forbids is refused and changes nothing; a final request never changes again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from eiso.core.models import DomainEvent, Person
from eiso.core.testing import Personas, make_person
from eiso.improvements import services
from eiso.improvements.choices import CarState
from eiso.improvements.models import ActionItem, CorrectiveAction, Nonconformity

pytestmark = pytest.mark.django_db

DAY = dt.date(2017, 8, 1)
AT = dt.datetime(2017, 8, 2, 9, tzinfo=dt.UTC)
DUE, VERIFY_AFTER = DAY + dt.timedelta(days=10), DAY + dt.timedelta(days=20)

ACTORS = ["secretary", "director", "division_head", "other_head", "officer", "auditor", "viewer"]
PLANNERS = {"secretary", "division_head"}  # the ISO secretary, the head of the nonconformity's division
APPROVERS = {"secretary", "director", "division_head"}
VERIFIERS = {"secretary", "auditor"}
MANAGERS = {"secretary", "director"}
PLANNING = {"proposed", "analysing"}
OPEN = {"proposed", "analysing", "awaiting_approval", "in_progress", "verifying"}
FINAL = {"closed", "forwarded", "cancelled"}


PERMITTED = {
    "analyse": PLANNERS,
    "add_item": PLANNERS,
    "submit": PLANNERS,
    "approve": APPROVERS,
    "return": APPROVERS,
    "done": PLANNERS | {"officer"},  # the officer owns every action of these requests
    "verify_effective": VERIFIERS,
    "verify_not_effective": VERIFIERS,
    "cancel": MANAGERS,
}


@dataclass
class Model:
    """What the request should be, from the rules alone."""

    state: str = "proposed"
    analysed: bool = False
    items: list[bool] = field(default_factory=list)  # done or not, in the order added
    car_events: int = 1  # "requested"

    def allows(self, move: str, who: str, ok: bool, index: int) -> bool:
        if move == "analyse":
            return self.state in PLANNING and who in PLANNERS and ok
        if move == "add_item":
            return self.state in PLANNING and who in PLANNERS
        if move == "submit":
            return self.state == "analysing" and who in PLANNERS and self.analysed and bool(self.items)
        if move in ("approve", "return"):
            return self.state == "awaiting_approval" and who in APPROVERS and (ok or move == "approve")
        if move == "done":
            owner_or_planner = who == "officer" or who in PLANNERS
            return self.state == "in_progress" and not self.items[index] and owner_or_planner
        if move in ("verify_effective", "verify_not_effective"):
            return self.state == "verifying" and who in VERIFIERS and ok
        if move == "cancel":
            return self.state in OPEN and who in MANAGERS and ok
        raise AssertionError(move)

    def apply(self, move: str, index: int) -> None:
        after = {
            "analyse": "analysing",
            "submit": "awaiting_approval",
            "approve": "in_progress",
            "return": "analysing",
            "verify_effective": "closed",
            "verify_not_effective": "forwarded",
            "cancel": "cancelled",
        }
        if move == "analyse":
            self.analysed = True
        if move == "add_item":
            self.items.append(False)
            return
        if move == "done":
            self.items[index] = True
            if all(self.items):
                self.state = "verifying"
                self.car_events += 1  # "ready_for_verification"
            return
        self.state = after[move]
        self.car_events += 1


def _people(p: Personas) -> dict[str, Person]:
    other = Person.objects.filter(agency=p.agency, full_name="Trưởng Văn phòng").first()
    if other is None:
        other = make_person(p.agency, "division_head", division=p.office, name="Trưởng Văn phòng")
    return {name: other if name == "other_head" else getattr(p, name) for name in ACTORS}


def _perform(car: CorrectiveAction, move: str, actor: Person, ok: bool, index: int, p: Personas) -> None:
    if move == "analyse":
        services.corrective_action_analyse(
            car=car,
            actor=actor,
            root_cause="Chưa phổ biến quy trình" if ok else "   ",
            whys=["Cán bộ mới"],
            due_on=DUE,
            verify_after=VERIFY_AFTER,
        )
    elif move == "add_item":
        services.action_item_add(
            car=car, actor=actor, description="Phổ biến lại", owner=p.officer, deadline=DUE
        )
    elif move == "submit":
        services.corrective_action_submit(car=car, actor=actor)
    elif move == "approve":
        services.corrective_action_approve(car=car, actor=actor, at=AT, note="Đồng ý")
    elif move == "return":
        services.corrective_action_return(car=car, actor=actor, note="Phân tích thêm" if ok else "")
    elif move == "done":
        item = list(car.actions.order_by("id"))[index]
        services.action_item_done(item=item, actor=actor, at=AT, note="Xong")
    elif move.startswith("verify"):
        result = move.removeprefix("verify_")
        on = VERIFY_AFTER if ok else VERIFY_AFTER - dt.timedelta(days=1)
        services.corrective_action_verify(car=car, actor=actor, on=on, result=result, note="Chưa hiệu quả")
    elif move == "cancel":
        services.corrective_action_cancel(car=car, actor=actor, reason="Trùng phiếu" if ok else " ")


MOVES = [
    "analyse",
    "add_item",
    "submit",
    "approve",
    "return",
    "done",
    "verify_effective",
    "verify_not_effective",
    "cancel",
]
step = st.tuples(
    st.sampled_from(MOVES),
    st.sampled_from(ACTORS),
    st.booleans() | st.just(True),  # valid input (reason, root cause, date) more often than not
    st.integers(0, 2),
)


def _next_step(data: st.DataObject, model: Model) -> tuple[str, str, bool, int]:
    """Three times in four a move the model allows (rarely a cancellation, so that requests get far), else
    any move by anyone with any input, most of which the model forbids."""
    moves = MOVES if data.draw(st.integers(0, 9)) == 0 else [m for m in MOVES if m != "cancel"]
    allowed = [
        (move, who, True, index)
        for move in moves
        for who in ACTORS
        for index in (range(len(model.items)) if move == "done" else [0])
        if model.allows(move, who, True, index)
    ]
    if allowed and data.draw(st.integers(0, 3)) > 0:
        return data.draw(st.sampled_from(allowed))
    return data.draw(step)


def _assert_matches(car: CorrectiveAction, model: Model) -> None:
    car.refresh_from_db()
    assert car.state == model.state
    assert [item.done_at is not None for item in car.actions.order_by("id")] == model.items
    events = DomainEvent.objects.filter(target_type="improvements.correctiveaction", target_id=car.pk)
    assert events.count() == model.car_events


@pytest.fixture
def freeze_triggers(db: None) -> None:
    """The triggers the improvements migration creates from the same declarations, also when the tests
    run without migrations; inside the test's transaction, so they go with it."""
    from django.apps import apps
    from django.db import connection

    from eiso.core.immutability import install_sqlite_child_triggers, trigger_sql
    from eiso.improvements.freezes import FREEZES

    with connection.cursor() as cursor:
        for statement in trigger_sql(apps, connection.vendor, FREEZES)[0]:
            cursor.execute(statement)
    install_sqlite_child_triggers()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), length=st.integers(0, 25))
def test_any_sequence_of_moves_follows_the_model_of_the_request(
    personas: Personas, freeze_triggers: None, data: st.DataObject, length: int
) -> None:
    people = _people(personas)
    nc = _nc(personas)
    car = services.corrective_action_request(nonconformity=nc, actor=personas.secretary, on=DAY)
    model = Model()
    for _ in range(length):
        move, who, ok, index = _next_step(data, model)
        if move == "done" and index >= len(model.items):
            continue
        allowed = model.allows(move, who, ok, index)
        stale = CorrectiveAction.objects.get(pk=car.pk)  # what a page loaded before this move holds
        if allowed:
            _perform(stale, move, people[who], ok, index, personas)
            model.apply(move, index)
        else:
            with pytest.raises(ValidationError):
                _perform(stale, move, people[who], ok, index, personas)
        _assert_matches(car, model)

    event(f"ends {model.state}")
    follow_ups = CorrectiveAction.objects.filter(follow_up_of=car)
    assert follow_ups.count() == (1 if model.state == "forwarded" else 0)
    if model.state == "forwarded":
        assert follow_ups.get().state == CarState.PROPOSED
    if model.state == "closed":
        assert (car.closed_on, car.verification) == (VERIFY_AFTER, "effective")
    if model.state in FINAL:
        _assert_frozen_in_the_database(car)
    beyond_planning = model.state not in PLANNING | {"cancelled"}
    assert _nonconformity_editable(nc, personas) == (not beyond_planning)


# Each stage: the moves that reach it from a new request, and the model there.
STAGES: dict[str, tuple[list[tuple[str, str]], Model]] = {
    "proposed": ([], Model()),
    "analysing without an action": ([("analyse", "division_head")], Model("analysing", True, [], 2)),
    "proposed with an action": ([("add_item", "secretary")], Model("proposed", False, [False], 1)),
    "analysing": (
        [("analyse", "division_head"), ("add_item", "division_head")],
        Model("analysing", True, [False], 2),
    ),
    "awaiting approval": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("submit", "secretary")],
        Model("awaiting_approval", True, [False], 3),
    ),
    "in progress": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("add_item", "secretary")]
        + [("submit", "secretary"), ("approve", "director")],
        Model("in_progress", True, [False, False], 4),
    ),
    "in progress, one action done": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("add_item", "secretary")]
        + [("submit", "secretary"), ("approve", "director"), ("done", "officer")],
        Model("in_progress", True, [True, False], 4),
    ),
    "verifying": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("submit", "secretary")]
        + [("approve", "director"), ("done", "officer")],
        Model("verifying", True, [True], 5),
    ),
    "closed": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("submit", "secretary")]
        + [("approve", "director"), ("done", "officer"), ("verify_effective", "auditor")],
        Model("closed", True, [True], 6),
    ),
    "forwarded": (
        [("analyse", "secretary"), ("add_item", "secretary"), ("submit", "secretary")]
        + [("approve", "director"), ("done", "officer"), ("verify_not_effective", "auditor")],
        Model("forwarded", True, [True], 6),
    ),
    "cancelled": ([("analyse", "secretary"), ("cancel", "director")], Model("cancelled", True, [], 3)),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_in_each_state_exactly_the_moves_of_the_model_are_open_to_exactly_its_people(
    personas: Personas, stage: str
) -> None:
    people = _people(personas)
    car = services.corrective_action_request(nonconformity=_nc(personas), actor=personas.secretary, on=DAY)
    path, model = STAGES[stage]
    for move, who in path:
        _perform(CorrectiveAction.objects.get(pk=car.pk), move, people[who], True, 0, personas)
    _assert_matches(car, model)
    tried = 0
    for move in MOVES:
        for index in range(len(model.items)) if move == "done" else [0]:
            for who in ACTORS:
                fresh = CorrectiveAction.objects.get(pk=car.pk)
                if model.allows(move, who, True, index):
                    with transaction.atomic():
                        _perform(fresh, move, people[who], True, index, personas)
                        after = Model(model.state, model.analysed, list(model.items), model.car_events)
                        after.apply(move, index)
                        _assert_matches(car, after)
                        transaction.set_rollback(True)
                else:
                    with pytest.raises(ValidationError):
                        _perform(fresh, move, people[who], True, index, personas)
                tried += 1
    _assert_matches(car, model)
    assert tried >= len(MOVES) * len(ACTORS) - len(ACTORS)


def _assert_frozen_in_the_database(car: CorrectiveAction) -> None:
    """Neither a bulk update nor a new action slips past the triggers of a final request."""
    with pytest.raises(IntegrityError), transaction.atomic():
        CorrectiveAction.objects.filter(pk=car.pk).update(root_cause="Viết lại sau khi đóng")
    with pytest.raises(IntegrityError), transaction.atomic():
        CorrectiveAction.objects.filter(pk=car.pk).update(state=CarState.IN_PROGRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.create(
            corrective_action=car, description="Thêm sau", owner=car.requested_by, deadline=DUE
        )


def _nonconformity_editable(nc: Nonconformity, p: Personas) -> bool:
    try:
        with transaction.atomic():
            services.nonconformity_update(nc=nc, actor=p.secretary, description="Sửa mô tả", raised_on=DAY)
    except ValidationError:
        return False
    return True


# --- dates checked against the parent records ----------------------------------------------------------


def _nc(p: Personas, raised_on: dt.date = DAY) -> Nonconformity:
    return services.nonconformity_raise(
        agency=p.agency,
        actor=p.secretary,
        description="Sai quy trình",
        raised_on=raised_on,
        division=p.division,
    )


def test_a_request_cannot_be_dated_before_its_nonconformity(personas: Personas) -> None:
    nc = _nc(personas, raised_on=DAY)
    with pytest.raises(ValidationError) as caught:
        services.corrective_action_request(
            nonconformity=nc, actor=personas.secretary, on=DAY - dt.timedelta(days=1)
        )
    assert "on" in caught.value.error_dict
    assert not nc.corrective_actions.exists()
    assert (
        services.corrective_action_request(nonconformity=nc, actor=personas.secretary, on=DAY).requested_on
        == DAY
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("due_on", DAY - dt.timedelta(days=1)), ("verify_after", DAY - dt.timedelta(days=1))],
)
def test_the_plans_dates_cannot_precede_the_request(personas: Personas, field: str, value: dt.date) -> None:
    car = services.corrective_action_request(nonconformity=_nc(personas), actor=personas.secretary, on=DAY)
    dates: dict[str, Any] = {"due_on": DUE, "verify_after": VERIFY_AFTER, field: value}
    with pytest.raises(ValidationError) as caught:
        services.corrective_action_analyse(car=car, actor=personas.division_head, root_cause="x", **dates)
    assert field in caught.value.error_dict
    car.refresh_from_db()
    assert (car.state, car.root_cause) == (CarState.PROPOSED, "")


def test_verification_cannot_be_set_before_the_deadline(personas: Personas) -> None:
    car = services.corrective_action_request(nonconformity=_nc(personas), actor=personas.secretary, on=DAY)
    with pytest.raises(ValidationError) as caught:
        services.corrective_action_analyse(
            car=car, actor=personas.division_head, root_cause="x", due_on=VERIFY_AFTER, verify_after=DUE
        )
    assert "verify_after" in caught.value.error_dict


def test_an_action_deadline_cannot_precede_the_request(personas: Personas) -> None:
    car = services.corrective_action_request(nonconformity=_nc(personas), actor=personas.secretary, on=DAY)
    with pytest.raises(ValidationError) as caught:
        services.action_item_add(
            car=car,
            actor=personas.division_head,
            description="x",
            owner=personas.officer,
            deadline=DAY - dt.timedelta(days=1),
        )
    assert "deadline" in caught.value.error_dict
    assert not car.actions.exists()


def test_an_action_owner_of_another_agency_or_without_description_is_refused(personas: Personas) -> None:
    car = services.corrective_action_request(nonconformity=_nc(personas), actor=personas.secretary, on=DAY)
    for owner, description, key in (
        (personas.outsider, "x", "owner"),
        (personas.officer, " ", "description"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.action_item_add(
                car=car, actor=personas.secretary, description=description, owner=owner, deadline=DUE
            )
        assert key in caught.value.error_dict
    assert not car.actions.exists()


# --- who raises a request, and on what ------------------------------------------------------------------


def test_a_cancelled_nonconformity_gets_no_request(personas: Personas) -> None:
    nc = _nc(personas)
    services.nonconformity_cancel(nc=nc, actor=personas.secretary, on=DAY, reason="Ghi nhầm")
    with pytest.raises(ValidationError, match="đã bị hủy"):
        services.corrective_action_request(nonconformity=nc, actor=personas.secretary, on=DAY)
    assert not nc.corrective_actions.exists()


def test_a_cancelled_nonconformity_gets_no_request_through_the_button_either(personas: Personas) -> None:
    from django.urls import reverse

    from eiso.core.testing import client_for

    nc = _nc(personas)
    services.nonconformity_cancel(nc=nc, actor=personas.secretary, on=DAY, reason="Ghi nhầm")
    response = client_for(personas.director).post(reverse("improvements:car_request", args=[nc.pk]))
    assert response.status_code == 302
    assert not nc.corrective_actions.exists()


@pytest.mark.parametrize("who", ["division_head", "auditor", "officer"])
def test_only_the_secretary_and_the_leadership_raise_a_request(personas: Personas, who: str) -> None:
    nc = _nc(personas)
    with pytest.raises(ValidationError):
        services.corrective_action_request(nonconformity=nc, actor=getattr(personas, who), on=DAY)
    assert not nc.corrective_actions.exists()


def test_a_request_found_not_effective_is_followed_by_one_the_verifier_raises(personas: Personas) -> None:
    from eiso.improvements.tests.factories import planned_car

    car = planned_car(personas, on=DAY)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=AT)
    car.refresh_from_db()
    services.corrective_action_verify(
        car=car,
        actor=personas.auditor,
        on=DAY + dt.timedelta(days=31),
        result="not_effective",
        note="Tái diễn",
    )
    follow_up = CorrectiveAction.objects.get(follow_up_of=car)
    assert (follow_up.requested_by, follow_up.requested_on) == (personas.auditor, DAY + dt.timedelta(days=31))
    assert follow_up.number != car.number


def test_a_not_effective_verification_needs_a_reason(personas: Personas) -> None:
    from eiso.improvements.tests.factories import planned_car

    car = planned_car(personas, on=DAY)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=AT)
    car.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.corrective_action_verify(
            car=car, actor=personas.auditor, on=DAY + dt.timedelta(days=31), result="not_effective", note=" "
        )
    assert "note" in caught.value.error_dict
    car.refresh_from_db()
    assert car.state == CarState.VERIFYING and not CorrectiveAction.objects.filter(follow_up_of=car).exists()


def test_a_closed_request_refuses_a_change_made_through_a_stale_copy(personas: Personas) -> None:
    from eiso.improvements.tests.factories import planned_car

    car = planned_car(personas, on=DAY)
    stale = CorrectiveAction.objects.get(pk=car.pk)
    services.action_item_done(item=car.actions.get(), actor=personas.officer, at=AT)
    car.refresh_from_db()
    services.corrective_action_verify(
        car=car, actor=personas.auditor, on=DAY + dt.timedelta(days=31), result="effective"
    )
    stale.state = CarState.IN_PROGRESS  # the copy a page loaded before the closure still says so
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.corrective_action_cancel(car=stale, actor=personas.secretary, reason="Muộn")
    car.refresh_from_db()
    assert car.state == CarState.CLOSED and car.cancel_reason == ""


def test_a_finding_turned_into_a_nonconformity_is_not_withdrawn(personas: Personas) -> None:
    from eiso.audits import services as audits
    from eiso.audits.tests.factories import make_nc_finding

    finding = make_nc_finding(personas, on=DAY)
    services.nonconformity_raise(
        agency=personas.agency,
        actor=personas.secretary,
        description=finding.description,
        raised_on=DAY,
        source_kind="audit_finding",
        finding=finding,
    )
    with pytest.raises(ValidationError, match="hủy sự không phù hợp trước"):
        audits.finding_cancel(finding=finding, actor=personas.auditor, on=DAY, reason="Ghi nhầm")
    finding.refresh_from_db()
    assert finding.cancelled_on is None


def test_a_nonconformity_from_an_audit_names_a_nonconformity_finding_of_the_agency(
    personas: Personas,
) -> None:
    from eiso.audits import services as audits
    from eiso.audits.tests.factories import make_audit

    audit = make_audit(personas, starts_on=DAY, ends_on=DAY)
    strength = audits.finding_record(
        audit=audit,
        actor=personas.auditor,
        kind="strength",
        description="Lưu hồ sơ tốt",
        division=personas.division,
        found_on=DAY,
    )
    for finding in (None, strength):
        with pytest.raises(ValidationError) as caught:
            services.nonconformity_raise(
                agency=personas.agency,
                actor=personas.secretary,
                description="x",
                raised_on=DAY,
                source_kind="audit_finding",
                finding=finding,
            )
        assert "finding" in caught.value.error_dict
    assert not Nonconformity.objects.exists()
