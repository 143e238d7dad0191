import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eiso.core.testing import Personas
from eiso.dossiers.tests.factories import make_procedure, resolved
from eiso.reviews import services
from eiso.reviews.choices import ActionState, Attendance, DecisionKind, ReviewState
from eiso.reviews.models import ManagementReview, ReviewInput
from eiso.reviews.sections import SECTIONS
from eiso.reviews.tests.helpers import held, planned, with_decisions


def test_a_review_is_planned_once_per_year_with_the_chair_and_secretary_invited(personas: Personas) -> None:
    review = planned(personas)
    assert review.state == ReviewState.PLANNED
    invited = set(review.attendance.values_list("person_id", flat=True))
    assert {personas.director.pk, personas.secretary.pk, personas.deputy.pk} <= invited
    with pytest.raises(ValidationError, match="đã có"):
        planned(personas)


def test_a_review_cannot_be_held_before_its_inputs_are_collected(personas: Personas) -> None:
    review = planned(personas)
    with pytest.raises(ValidationError, match="Chưa tổng hợp"):
        services.review_hold(review=review, held_on=dt.date(2017, 8, 7), present=[], actor=None)


def test_collecting_inputs_compiles_every_section_in_the_reference_order(personas: Personas) -> None:
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=personas.secretary)
    keys = list(review.inputs.values_list("key", flat=True))
    assert keys == [s.key for s in SECTIONS]
    assert keys[:2] == ["changes", "previous_actions"]
    review.refresh_from_db()
    assert review.state == ReviewState.INPUTS_COLLECTED
    assert review.inputs_as_of == dt.date(2017, 8, 1)


def test_holding_records_attendance_and_absentees(personas: Personas) -> None:
    review = held(personas)
    assert review.state == ReviewState.HELD
    absent = review.attendance.get(person=personas.division_head)
    assert absent.attendance == Attendance.ABSENT
    assert review.attendance.get(person=personas.deputy).attendance == Attendance.PRESENT


def test_dossier_figures_are_compiled_until_the_meeting_and_frozen_afterwards(personas: Personas) -> None:
    procedure = make_procedure(personas.agency)
    resolved(procedure, "2017-03-02 09:00", "2017-03-03 10:00")
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    assert review.inputs.get(key="dossiers").data["resolved_total"] == 1

    resolved(procedure, "2017-04-03 09:00", "2017-04-04 10:00")
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    assert review.inputs.get(key="dossiers").data["resolved_total"] == 2, "refreshable until held"

    services.review_hold(review=review, held_on=dt.date(2017, 8, 7), present=[personas.director], actor=None)
    resolved(procedure, "2017-05-02 09:00", "2017-05-03 10:00")
    with pytest.raises(ValidationError, match="đã được chốt"):
        services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=None)
    assert ReviewInput.objects.get(review=review, key="dossiers").data["resolved_total"] == 2


def test_a_missing_module_compiles_to_an_explicit_no_data_entry(personas: Personas) -> None:
    review = held(personas)
    for item in review.inputs.all():
        assert "available" in item.data
        if not item.data["available"]:
            assert item.data["module"]


def test_open_decisions_appear_as_previous_actions_in_the_next_years_review(personas: Personas) -> None:
    review_2016 = with_decisions(personas, held(personas, 2016))
    done = review_2016.decisions.get(kind=DecisionKind.QMS_CHANGE)
    services.decision_close(
        decision=done,
        state=ActionState.DONE,
        result_note="Đã ban hành 5 quy trình",
        actor=None,
        on=dt.date(2017, 3, 1),
    )
    review_2017 = planned(personas, 2017)
    services.review_collect_inputs(review=review_2017, as_of=dt.date(2017, 8, 1), actor=None)
    data = review_2017.inputs.get(key="previous_actions").data
    assert data["total"] == 2 and data["done"] == 1 and data["open"] == 1
    assert {i["text"] for i in data["items"]} == {
        "Chuẩn hóa các quy trình nội bộ",
        "Bổ sung kinh phí đánh giá nội bộ",
    }
    # An action still open two years later is carried on.
    review_2018 = planned(personas, 2018)
    services.review_collect_inputs(review=review_2018, as_of=dt.date(2018, 8, 1), actor=None)
    carried = review_2018.inputs.get(key="previous_actions").data["items"]
    assert [i["text"] for i in carried] == ["Bổ sung kinh phí đánh giá nội bộ"]


def test_decisions_are_only_recorded_on_a_held_meeting_and_minutes_need_one(personas: Personas) -> None:
    review = planned(personas)
    with pytest.raises(ValidationError):
        services.decision_add(review=review, kind=DecisionKind.IMPROVEMENT, text="X", actor=None)
    review = held(personas, 2018)
    with pytest.raises(ValidationError, match="ít nhất một"):
        services.review_issue_minutes(review=review, actor=None)
    services.decision_add(
        review=review, kind=DecisionKind.IMPROVEMENT, text="Đánh giá nội bộ tất cả các phòng", actor=None
    )
    services.review_issue_minutes(review=review, number="12", notice_number="13", actor=None)
    services.review_close(review=review, actor=None)
    assert ManagementReview.objects.get(pk=review.pk).state == ReviewState.CLOSED


def test_a_closed_action_needs_its_result(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    decision = review.decisions.first()
    assert decision is not None
    with pytest.raises(ValidationError, match="kết quả"):
        services.decision_close(
            decision=decision, state=ActionState.DONE, result_note=" ", actor=None, on=dt.date(2017, 9, 1)
        )


def test_a_person_of_another_agency_cannot_chair(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="không thuộc"):
        services.review_plan(
            agency=personas.agency,
            year=2017,
            planned_on=dt.date(2017, 8, 7),
            chair=personas.outsider,
            secretary=personas.secretary,
            actor=None,
        )
