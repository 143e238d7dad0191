"""The risk register's life: reassessment kept in the history, treatment actions and when they are overdue,
review of effectiveness, cancellation with a reason, opportunities counted apart, and who may do what."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eiso.core.models import DomainEvent
from eiso.core.testing import Personas, client_for, make_person
from eiso.risks import services
from eiso.risks.choices import RiskStatus
from eiso.risks.models import Risk, RiskAction
from eiso.risks.selectors import open_risks, risk_summary
from eiso.risks.tests.factories import DAY, make_risk

pytestmark = pytest.mark.django_db


D = dt.date


APRIL = D(2017, 4, 1)


def _action(p: Personas, risk: Risk, deadline: dt.date = APRIL, owner: Any = None) -> RiskAction:
    return services.risk_action_add(
        risk=risk,
        actor=p.secretary,
        description="Bổ sung cán bộ một cửa",
        owner=owner or p.officer,
        deadline=deadline,
    )


# --- reassessment ----------------------------------------------------------------------------------------


def test_each_reassessment_is_kept_in_the_history_with_its_score_and_who_made_it(personas: Personas) -> None:
    risk = make_risk(personas, likelihood=2, impact=2)
    services.risk_reassess(risk=risk, actor=personas.division_head, likelihood=3, impact=3)
    services.risk_reassess(
        risk=risk, actor=personas.secretary, likelihood=1, impact=2, review_on=D(2017, 9, 1)
    )
    risk.refresh_from_db()
    assert (risk.score, risk.review_on) == (2, D(2017, 9, 1))
    assert [h.score for h in risk.history.order_by("history_date", "history_id")] == [4, 9, 2]
    events = DomainEvent.objects.filter(target_type="risks.risk", target_id=risk.pk, verb="risk.reassessed")
    assert [(e.actor_id, e.data["score"]) for e in events.order_by("id")] == [
        (personas.division_head.pk, 9),
        (personas.secretary.pk, 2),
    ]
    page = client_for(personas.viewer).get(reverse("core:history", args=["risks.risk", risk.pk]))
    assert page.status_code == 200 and "risk.reassessed" in page.content.decode()


def test_a_reassessment_off_the_scale_is_refused_and_changes_nothing(personas: Personas) -> None:
    risk = make_risk(personas)
    with pytest.raises(ValidationError) as caught:
        services.risk_reassess(risk=risk, actor=personas.secretary, likelihood=0, impact=6)
    assert set(caught.value.error_dict) == {"likelihood", "impact"}
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact, risk.score, risk.history.count()) == (2, 3, 6, 1)


def test_a_division_head_reassesses_on_the_page_and_an_officer_is_refused(personas: Personas) -> None:
    risk = make_risk(personas)
    url = reverse("risks:reassess", args=[risk.pk])
    assert client_for(personas.officer).post(url, {"likelihood": 5, "impact": 5}).status_code == 403
    assert client_for(personas.division_head).post(url, {"likelihood": 4, "impact": 5}).status_code == 302
    risk.refresh_from_db()
    assert risk.score == 20
    refused = client_for(personas.division_head).post(url, {"likelihood": 9, "impact": 5})
    assert refused.status_code == 400
    risk.refresh_from_db()
    assert risk.score == 20


@pytest.mark.parametrize("end", ["closed", "cancelled"])
def test_a_risk_no_longer_followed_is_not_reassessed_treated_or_reviewed(
    personas: Personas, end: str
) -> None:
    risk = make_risk(personas)
    action = _action(personas, risk)
    if end == "closed":
        services.risk_review(
            risk=risk, actor=personas.secretary, on=DAY, effectiveness="effective", close=True
        )
    else:
        services.risk_cancel(risk=risk, actor=personas.secretary, on=DAY, reason="Nhập nhầm")
    with pytest.raises(ValidationError):
        services.risk_reassess(risk=risk, actor=personas.secretary, likelihood=5, impact=5)
    with pytest.raises(ValidationError):
        _action(personas, risk)
    with pytest.raises(ValidationError):
        services.risk_review(risk=risk, actor=personas.secretary, on=DAY, effectiveness="partly")
    risk.refresh_from_db()
    assert (risk.status, risk.score, risk.actions.count()) == (end, 6, 1)
    client = client_for(personas.secretary)
    for name, data in (
        ("risks:reassess", {"likelihood": 5, "impact": 5}),
        ("risks:action_add", {"description": "x", "owner": personas.officer.pk, "deadline": "2017-05-01"}),
        ("risks:review", {"effectiveness": "partly", "on": "2017-03-02"}),
    ):
        assert client.post(reverse(name, args=[risk.pk]), data).status_code in (302, 400), name
    risk.refresh_from_db()
    assert (risk.status, risk.score, risk.actions.count()) == (end, 6, 1)
    assert action.done_on is None


# --- treatment actions -----------------------------------------------------------------------------------


def test_a_treatment_action_is_done_once_by_its_owner_or_an_editor(personas: Personas) -> None:
    risk = make_risk(personas)
    first, second = _action(personas, risk), _action(personas, risk, deadline=D(2017, 5, 1))
    stranger = make_person(personas.agency, "officer", division=personas.office)
    with pytest.raises(ValidationError):
        services.risk_action_done(action=first, actor=stranger, on=D(2017, 3, 20))
    services.risk_action_done(action=first, actor=personas.officer, on=D(2017, 3, 20))
    with pytest.raises(ValidationError, match="đã hoàn thành"):
        services.risk_action_done(action=first, actor=personas.officer, on=D(2017, 3, 21))
    services.risk_action_done(action=second, actor=personas.division_head, on=D(2017, 3, 22))
    assert [a.done_on for a in risk.actions.order_by("deadline")] == [D(2017, 3, 20), D(2017, 3, 22)]


def test_another_officer_sees_no_done_button_and_cannot_mark_the_action_done(personas: Personas) -> None:
    risk = make_risk(personas)
    action = _action(personas, risk)
    stranger = make_person(personas.agency, "officer", division=personas.office)
    done_url = reverse("risks:action_done", args=[action.pk])
    detail = reverse("risks:detail", args=[risk.pk])
    assert done_url in client_for(personas.officer).get(detail).content.decode()
    assert done_url not in client_for(stranger).get(detail).content.decode()
    client_for(stranger).post(done_url)
    action.refresh_from_db()
    assert action.done_on is None
    assert client_for(personas.viewer).post(done_url).status_code == 403
    assert client_for(personas.officer).post(done_url).status_code == 302
    action.refresh_from_db()
    assert action.done_on is not None


def test_an_action_owner_of_another_agency_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        _action(personas, make_risk(personas), owner=personas.outsider)
    assert "owner" in caught.value.error_dict


def _overdue_by_hand(actions: list[tuple[int, int | None]], as_of: dt.date) -> dict[str, int]:
    """The action counts as they stood on `as_of`, computed from the plain definition."""
    start = D(2017, 3, 1)
    deadlines_done = [
        (start + dt.timedelta(days=d), None if done is None else start + dt.timedelta(days=done))
        for d, done in actions
    ]
    return {
        "total": len(deadlines_done),
        "done": sum(1 for _d, done in deadlines_done if done is not None and done <= as_of),
        "overdue": sum(1 for d, done in deadlines_done if d < as_of and (done is None or done > as_of)),
    }


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    actions=st.lists(st.tuples(st.integers(0, 60), st.none() | st.integers(0, 60)), max_size=8),
    as_of=st.integers(0, 70),
)
def test_an_action_is_overdue_on_a_day_when_its_deadline_passed_and_it_was_not_done_by_then(
    personas: Personas, actions: list[tuple[int, int | None]], as_of: int
) -> None:
    Risk.objects.filter(agency=personas.agency).delete()
    risk = make_risk(personas, identified_on=D(2017, 3, 1))
    start = D(2017, 3, 1)
    for deadline, done in actions:
        action = _action(personas, risk, deadline=start + dt.timedelta(days=deadline))
        if done is not None:
            services.risk_action_done(
                action=action, actor=personas.officer, on=start + dt.timedelta(days=done)
            )
    day = start + dt.timedelta(days=as_of)
    assert risk_summary(agency=personas.agency, as_of=day)["actions"] == _overdue_by_hand(actions, day)


def test_the_detail_page_lists_the_actions_with_their_owner_and_deadline(personas: Personas) -> None:
    risk = make_risk(personas)
    _action(personas, risk, deadline=D(2017, 4, 9))
    page = client_for(personas.viewer).get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "Bổ sung cán bộ một cửa" in page and personas.officer.full_name in page and "09/04/2017" in page


# --- review of effectiveness -----------------------------------------------------------------------------


def test_a_review_records_effectiveness_and_either_keeps_following_or_closes(personas: Personas) -> None:
    risk = make_risk(personas)
    _action(personas, risk)
    services.risk_review(
        risk=risk,
        actor=personas.division_head,
        on=D(2017, 6, 1),
        effectiveness="partly",
        note="Còn trễ hạn",
        next_review_on=D(2017, 9, 1),
    )
    risk.refresh_from_db()
    assert (risk.status, risk.effectiveness, risk.review_on) == ("open", "partly", D(2017, 9, 1))
    assert risk_summary(agency=personas.agency, as_of=D(2017, 9, 1))["due_for_review"] == 1
    assert risk_summary(agency=personas.agency, as_of=D(2017, 8, 31))["due_for_review"] == 0
    services.risk_review(
        risk=risk, actor=personas.secretary, on=D(2017, 9, 2), effectiveness="effective", close=True
    )
    risk.refresh_from_db()
    assert (risk.status, risk.reviewed_on, risk.review_on) == ("closed", D(2017, 9, 2), None)
    assert risk_summary(agency=personas.agency, as_of=D(2017, 9, 1))["risks"] == 1  # still open that day
    assert risk_summary(agency=personas.agency, as_of=D(2017, 9, 2))["risks"] == 0


def test_an_unknown_effectiveness_is_refused_on_its_field(personas: Personas) -> None:
    risk = make_risk(personas)
    _action(personas, risk)
    with pytest.raises(ValidationError) as caught:
        services.risk_review(risk=risk, actor=personas.secretary, on=DAY, effectiveness="excellent")
    assert "effectiveness" in caught.value.error_dict


def test_a_review_without_any_action_comes_back_on_the_page_with_why(personas: Personas) -> None:
    risk = make_risk(personas)
    response = client_for(personas.secretary).post(
        reverse("risks:review", args=[risk.pk]),
        {"effectiveness": "effective", "on": "2017-06-01", "note": "Ổn"},
    )
    assert response.status_code == 400
    assert "Chưa có biện pháp xử lý nào" in response.content.decode()
    risk.refresh_from_db()
    assert risk.effectiveness == ""


# --- cancellation ----------------------------------------------------------------------------------------


def test_a_cancellation_needs_a_reason_and_keeps_the_risk_with_it(personas: Personas) -> None:
    risk = make_risk(personas)
    with pytest.raises(ValidationError) as caught:
        services.risk_cancel(risk=risk, actor=personas.secretary, on=DAY, reason="   ")
    assert "reason" in caught.value.error_dict
    services.risk_cancel(risk=risk, actor=personas.secretary, on=D(2017, 4, 1), reason="  Nhập trùng R0 ")
    risk.refresh_from_db()
    assert (risk.status, risk.cancelled_on, risk.cancel_reason) == (
        "cancelled",
        D(2017, 4, 1),
        "Nhập trùng R0",
    )
    assert Risk.objects.filter(pk=risk.pk).exists()
    with pytest.raises(ValidationError):
        services.risk_cancel(risk=risk, actor=personas.secretary, on=D(2017, 4, 2), reason="Lần nữa")
    risk.refresh_from_db()
    assert risk.cancel_reason == "Nhập trùng R0"


def test_a_blank_reason_comes_back_on_the_detail_page(personas: Personas) -> None:
    risk = make_risk(personas)
    response = client_for(personas.secretary).post(reverse("risks:cancel", args=[risk.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    risk.refresh_from_db()
    assert risk.status == RiskStatus.OPEN


def test_an_officer_cannot_cancel_a_risk(personas: Personas) -> None:
    risk = make_risk(personas)
    assert (
        client_for(personas.officer)
        .post(reverse("risks:cancel", args=[risk.pk]), {"reason": "x"})
        .status_code
        == 403
    )
    with pytest.raises(ValidationError):
        services.risk_cancel(risk=risk, actor=personas.officer, on=DAY, reason="x")
    risk.refresh_from_db()
    assert risk.status == RiskStatus.OPEN


# --- opportunities kept apart ----------------------------------------------------------------------------


def test_opportunities_are_counted_apart_from_the_risk_levels(personas: Personas) -> None:
    make_risk(personas, "R1", 5, 5)  # high
    make_risk(personas, "R2", 1, 1)  # low
    make_risk(personas, "C1", 5, 5, kind="opportunity")
    make_risk(personas, "C2", 2, 3, kind="opportunity")
    summary = risk_summary(agency=personas.agency, as_of=DAY)
    assert (summary["high"], summary["medium"], summary["low"]) == (1, 0, 1)
    assert (summary["risks"], summary["opportunities"]) == (2, 2)
    assert [row["code"] for row in open_risks(agency=personas.agency, as_of=DAY)] == ["R1", "R2", "C1", "C2"]
    assert open_risks(agency=personas.agency, as_of=DAY - dt.timedelta(days=1)) == []


def test_the_register_shows_risks_or_opportunities_apart(personas: Personas) -> None:
    make_risk(personas, "R1")
    make_risk(personas, "C1", kind="opportunity")
    client = client_for(personas.viewer)
    risks_only = client.get(reverse("risks:list"), {"kind": "risk"}).content.decode()
    opportunities = client.get(reverse("risks:list"), {"kind": "opportunity"}).content.decode()
    assert 'data-row-count="1"' in risks_only and 'data-row-count="1"' in opportunities
    assert reverse("risks:detail", args=[Risk.objects.get(code="R1").pk]) in risks_only
    assert reverse("risks:detail", args=[Risk.objects.get(code="C1").pk]) in opportunities


# --- registration ----------------------------------------------------------------------------------------


def test_a_review_date_before_identification_is_refused_when_registering(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        make_risk(personas, identified_on=D(2017, 3, 1), review_on=D(2017, 2, 28))
    assert "review_on" in caught.value.error_dict
    assert not Risk.objects.exists()
    assert make_risk(personas, identified_on=D(2017, 3, 1), review_on=D(2017, 3, 1)).review_on == D(
        2017, 3, 1
    )


def test_a_reassessment_cannot_set_the_next_review_before_identification(personas: Personas) -> None:
    risk = make_risk(personas, identified_on=D(2017, 3, 1))
    with pytest.raises(ValidationError) as caught:
        services.risk_reassess(
            risk=risk, actor=personas.secretary, likelihood=1, impact=1, review_on=D(2017, 1, 1)
        )
    assert "review_on" in caught.value.error_dict
    risk.refresh_from_db()
    assert (risk.score, risk.review_on) == (6, None)


def test_a_division_or_owner_of_another_agency_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        make_risk(personas, owner=personas.outsider)
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        make_risk(personas, division=personas.outsider.division)
    assert not Risk.objects.exists()


def test_the_same_code_is_free_in_another_agency(personas: Personas) -> None:
    make_risk(personas, "R1")
    make_risk(personas, "R1", 1, 1, agency=personas.other_agency, actor=personas.outsider, description="x")
    assert Risk.objects.filter(code="R1").count() == 2


# --- who may do what -------------------------------------------------------------------------------------

EDITORS = {"director", "deputy", "secretary", "division_head"}
EVERYONE = ["director", "deputy", "secretary", "division_head", "officer", "auditor", "viewer"]


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_register_a_risk_and_sees_the_button(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    may = who in EDITORS
    assert client.get(reverse("risks:create")).status_code == (200 if may else 403)
    page = client.get(reverse("risks:list")).content.decode()
    assert (reverse("risks:create") in page) == may
    data = {"code": f"N-{who}", "kind": "risk", "description": "x", "likelihood": 1, "impact": 1}
    response = client.post(reverse("risks:create"), {**data, "identified_on": "2017-03-01"})
    assert response.status_code == (302 if may else 403)
    assert Risk.objects.filter(code=f"N-{who}").exists() == may


@pytest.mark.parametrize("who", EVERYONE)
def test_who_may_edit_treat_and_review_a_risk_and_sees_those_forms(personas: Personas, who: str) -> None:
    risk = make_risk(personas)
    client = client_for(getattr(personas, who))
    may = who in EDITORS
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    for name in ("risks:edit", "risks:reassess", "risks:action_add", "risks:review", "risks:cancel"):
        assert (reverse(name, args=[risk.pk]) in page) == may, name
    response = client.post(
        reverse("risks:action_add", args=[risk.pk]),
        {"description": "Đào tạo", "owner": personas.officer.pk, "deadline": "2017-05-01"},
    )
    assert response.status_code == (302 if may else 403)
    assert risk.actions.exists() == may


def test_a_supervisor_of_the_province_cannot_write_in_the_register(personas: Personas) -> None:
    risk = make_risk(personas)
    client = client_for(personas.supervisor)
    client.post(reverse("risks:reassess", args=[risk.pk]), {"likelihood": 5, "impact": 5})
    client.post(reverse("risks:cancel", args=[risk.pk]), {"reason": "x"})
    risk.refresh_from_db()
    assert (risk.score, risk.status) == (6, RiskStatus.OPEN)


# --- actions of a risk no longer followed ----------------------------------------------------------------


def test_the_actions_of_a_cancelled_risk_leave_the_figures_from_the_day_it_is_cancelled(
    personas: Personas,
) -> None:
    risk = make_risk(personas)
    _action(personas, risk, deadline=D(2017, 3, 10))
    services.risk_cancel(risk=risk, actor=personas.secretary, on=D(2017, 4, 1), reason="Nhập nhầm")
    before = risk_summary(agency=personas.agency, as_of=D(2017, 3, 31))["actions"]
    after = risk_summary(agency=personas.agency, as_of=D(2017, 4, 1))["actions"]
    assert before == {"total": 1, "done": 0, "overdue": 1}
    assert after == {"total": 0, "done": 0, "overdue": 0}


def test_an_action_left_undone_when_its_risk_is_closed_is_counted_but_no_longer_overdue(
    personas: Personas,
) -> None:
    risk = make_risk(personas)
    _action(personas, risk, deadline=D(2017, 3, 10))
    services.risk_review(
        risk=risk, actor=personas.secretary, on=D(2017, 5, 1), effectiveness="effective", close=True
    )
    assert risk_summary(agency=personas.agency, as_of=D(2017, 4, 30))["actions"]["overdue"] == 1
    assert risk_summary(agency=personas.agency, as_of=D(2017, 5, 1))["actions"] == {
        "total": 1,
        "done": 0,
        "overdue": 0,
    }


def test_my_tasks_list_only_the_actions_of_risks_still_followed(personas: Personas) -> None:
    from eiso.risks.inbox import my_actions

    followed, cancelled = make_risk(personas, "R1"), make_risk(personas, "R2")
    kept = _action(personas, followed)
    _action(personas, cancelled)
    services.risk_cancel(risk=cancelled, actor=personas.secretary, on=DAY, reason="Trùng")
    assert list(my_actions(personas.officer)) == [kept]
