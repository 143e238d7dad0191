"""An internal audit from plan to approved report, checked against a model of the rules: while the report is
a draft the team records findings (each auditor independent of the division), planners correct the plan and
write the report, and only the lead auditor approves it once it has a summary and a conclusion; an approved
or cancelled audit then refuses every change, in the services and in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from eiso.audits import services
from eiso.audits.choices import FindingKind, ReportStatus
from eiso.audits.models import Audit, Finding
from eiso.audits.tests.factories import DAY, make_audit
from eiso.core.choices import Role
from eiso.core.models import Division, Person
from eiso.core.testing import Personas, make_person

pytestmark = pytest.mark.django_db

END = DAY + dt.timedelta(days=2)
PLANNERS = {"secretary", "director", "lead", "second", "stranger"}  # the ISO secretary, leadership, auditors
ACTORS = ["secretary", "director", "lead", "second", "stranger", "officer"]
TEAM = {"lead", "second"}
HOME = {"lead": "office", "second": "division", "stranger": "office"}  # where each auditor works


@dataclass
class Model:
    state: str = "draft"  # draft | approved | cancelled
    reported: bool = False
    findings: list[tuple[str, bool]] = field(default_factory=list)  # (auditor, withdrawn)

    def allows(self, move: str, who: str, ok: bool, index: int, place: str) -> bool:
        draft = self.state == "draft"
        if move in ("save_report", "checklist"):
            return draft and who in PLANNERS
        if move == "session":  # the lead auditor, who works at the Office, audits the other division
            return draft and who in PLANNERS and place != HOME["lead"]
        if move == "approve":
            return draft and who == "lead" and self.reported
        if move in ("cancel", "correct_plan"):
            return draft and who in PLANNERS and (ok or move == "correct_plan")
        if move == "record":
            return draft and who in TEAM and HOME[who] != place and ok
        if move in ("correct_finding", "withdraw"):
            if index >= len(self.findings):
                return False
            auditor, withdrawn = self.findings[index]
            may = who == auditor or who in PLANNERS
            independent = HOME[auditor] != place or move == "withdraw"
            return draft and not withdrawn and may and independent and ok
        raise AssertionError(move)

    def apply(self, move: str, who: str, ok: bool, index: int) -> None:
        if move == "save_report":
            self.reported = ok
        elif move == "approve":
            self.state = "approved"
        elif move == "cancel":
            self.state = "cancelled"
        elif move == "record":
            self.findings.append((who, False))
        elif move == "withdraw":
            self.findings[index] = (self.findings[index][0], True)


def _people(p: Personas) -> dict[str, Person]:
    second = Person.objects.filter(agency=p.agency, full_name="Chuyên gia Phòng 1").first()
    stranger = Person.objects.filter(agency=p.agency, full_name="Chuyên gia ngoài đoàn").first()
    if second is None or stranger is None:
        second = make_person(p.agency, Role.AUDITOR, division=p.division, name="Chuyên gia Phòng 1")
        stranger = make_person(p.agency, Role.AUDITOR, division=p.office, name="Chuyên gia ngoài đoàn")
    return {
        "secretary": p.secretary,
        "director": p.director,
        "lead": p.auditor,
        "second": second,
        "stranger": stranger,
        "officer": p.officer,
    }


def _perform(
    audit: Audit,
    move: str,
    actor: Person,
    ok: bool,
    index: int,
    division: Division,
    people: dict[str, Person],
) -> None:
    if move == "save_report":
        text = "Hệ thống phù hợp" if ok else ""
        services.audit_report_save(audit=audit, actor=actor, summary=text, conclusion=text)
    elif move == "approve":
        services.audit_report_approve(audit=audit, actor=actor, on=END)
    elif move == "cancel":
        services.audit_cancel(audit=audit, actor=actor, on=END, reason="Trùng kế hoạch" if ok else " ")
    elif move == "correct_plan":
        services.audit_update(
            audit=audit,
            actor=actor,
            title="Đánh giá nội bộ (đã sửa)",
            objectives=audit.objectives,
            scope=audit.scope,
            starts_on=DAY,
            ends_on=END,
            lead_auditor=people["lead"],
            team=[people["second"]],
            auditees=[division],
        )
    elif move == "record":
        services.finding_record(
            audit=audit,
            actor=actor,
            kind=FindingKind.NONCONFORMITY,
            description="Hồ sơ thiếu phiếu kiểm soát",
            evidence="Hồ sơ 01",
            division=division,
            found_on=DAY if ok else END + dt.timedelta(days=1),
        )
    elif move in ("correct_finding", "withdraw"):
        finding = list(Finding.objects.filter(audit=audit).order_by("id"))[index]
        if move == "withdraw":
            services.finding_cancel(finding=finding, actor=actor, on=END, reason="Ghi nhầm" if ok else "")
        else:
            services.finding_update(
                finding=finding,
                actor=actor,
                kind=FindingKind.OBSERVATION,
                description="Mô tả đã sửa",
                division=division,
                found_on=END if ok else END + dt.timedelta(days=1),
            )
    elif move == "checklist":
        services.checklist_item_add(
            audit=audit, actor=actor, clause="7.5", question="Tài liệu có được kiểm soát?"
        )
    elif move == "session":
        starts = dt.datetime(DAY.year, DAY.month, DAY.day, 8, tzinfo=dt.UTC)
        services.audit_session_add(
            audit=audit,
            actor=actor,
            division=division,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            auditors=[people["lead"]],
        )


MOVES = [
    "save_report",
    "approve",
    "cancel",
    "correct_plan",
    "record",
    "correct_finding",
    "withdraw",
    "checklist",
    "session",
]
step = st.tuples(
    st.sampled_from(MOVES),
    st.sampled_from(ACTORS),
    st.booleans() | st.just(True),
    st.integers(0, 3),
    st.sampled_from(["office", "division"]),
)


def _next_step(data: st.DataObject, model: Model) -> tuple[str, str, bool, int, str]:
    """Three times in four a change the model allows (rarely a cancellation, so that audits get far), else
    any change by anyone with any input, most of which the model forbids."""
    moves = MOVES if data.draw(st.integers(0, 9)) == 0 else [m for m in MOVES if m != "cancel"]
    allowed = [
        (move, who, True, index, place)
        for move in moves
        for who in ACTORS
        for index in (range(len(model.findings)) if move in ("correct_finding", "withdraw") else [0])
        for place in ("office", "division")
        if model.allows(move, who, True, index, place)
    ]
    if allowed and data.draw(st.integers(0, 3)) > 0:
        return data.draw(st.sampled_from(allowed))
    return data.draw(step)


@pytest.fixture
def freeze_triggers(db: None) -> None:
    """The audit triggers of the migrations, also when tests run without them; gone with the test."""
    from django.apps import apps
    from django.db import connection

    from eiso.audits.freezes import FREEZES
    from eiso.core.immutability import install_sqlite_child_triggers, trigger_sql

    with connection.cursor() as cursor:
        for statement in trigger_sql(apps, connection.vendor, FREEZES)[0]:
            cursor.execute(statement)
    install_sqlite_child_triggers()


def _assert_matches(audit: Audit, model: Model) -> None:
    audit.refresh_from_db()
    state = "cancelled" if audit.cancelled_on else audit.report_status
    assert state == model.state
    findings = list(Finding.objects.filter(audit=audit).order_by("id"))
    assert [f.cancelled_on is not None for f in findings] == [withdrawn for _who, withdrawn in model.findings]


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), length=st.integers(0, 20))
def test_any_sequence_of_changes_to_an_audit_follows_the_model(
    personas: Personas, freeze_triggers: None, data: st.DataObject, length: int
) -> None:
    people = _people(personas)
    places = {"office": personas.office, "division": personas.division}
    audit = make_audit(personas, ends_on=END, team=[people["second"]], auditees=[personas.division])
    model = Model()
    for _ in range(length):
        move, who, ok, index, place = _next_step(data, model)
        allowed = model.allows(move, who, ok, index, place)
        fresh = Audit.objects.get(pk=audit.pk)
        if allowed:
            _perform(fresh, move, people[who], ok, index, places[place], people)
            model.apply(move, who, ok, index)
        elif move not in ("correct_finding", "withdraw") or index < len(model.findings):
            with pytest.raises(ValidationError):
                _perform(fresh, move, people[who], ok, index, places[place], people)
        _assert_matches(audit, model)
    event(f"ends {model.state}")
    if model.state == "approved":
        _assert_frozen_in_the_database(audit, personas)


STAGES: dict[str, tuple[list[tuple[str, str, str]], Model]] = {
    "draft": ([], Model()),
    "draft with a report and findings": (
        [("record", "lead", "division"), ("record", "second", "office"), ("save_report", "secretary", "")],
        Model("draft", True, [("lead", False), ("second", False)]),
    ),
    "approved": (
        [("record", "lead", "division"), ("save_report", "lead", ""), ("approve", "lead", "")],
        Model("approved", True, [("lead", False)]),
    ),
    "cancelled": (
        [("record", "second", "office"), ("cancel", "director", "")],
        Model("cancelled", False, [("second", False)]),
    ),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_at_each_stage_exactly_the_changes_of_the_model_are_open_to_exactly_its_people(
    personas: Personas, stage: str
) -> None:
    people = _people(personas)
    places = {"office": personas.office, "division": personas.division}
    audit = make_audit(personas, ends_on=END, team=[people["second"]], auditees=[personas.division])
    path, model = STAGES[stage]
    for move, who, place in path:
        _perform(
            Audit.objects.get(pk=audit.pk),
            move,
            people[who],
            True,
            0,
            places.get(place, personas.division),
            people,
        )
    _assert_matches(audit, model)
    for move in MOVES:
        for index in range(len(model.findings)) if move in ("correct_finding", "withdraw") else [0]:
            for who in ACTORS:
                for place in ("office", "division"):
                    fresh = Audit.objects.get(pk=audit.pk)
                    if model.allows(move, who, True, index, place):
                        with transaction.atomic():
                            _perform(fresh, move, people[who], True, index, places[place], people)
                            transaction.set_rollback(True)
                    else:
                        with pytest.raises(ValidationError):
                            _perform(fresh, move, people[who], True, index, places[place], people)
    _assert_matches(audit, model)


def _assert_frozen_in_the_database(audit: Audit, p: Personas) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Audit.objects.filter(pk=audit.pk).update(conclusion="Viết lại sau khi phê duyệt")
    with pytest.raises(IntegrityError), transaction.atomic():
        Audit.objects.filter(pk=audit.pk).update(report_status=ReportStatus.DRAFT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(
            audit=audit,
            kind=FindingKind.STRENGTH,
            description="Thêm sau",
            division=p.division,
            auditor=p.auditor,
            found_on=DAY,
        )
    if audit.findings.exists():
        with pytest.raises(IntegrityError), transaction.atomic():
            Finding.objects.filter(audit=audit).update(description="Sửa sau")


# --- dates checked against the parent records ----------------------------------------------------------


@pytest.mark.parametrize("offset", [-1, 3])
def test_a_finding_dated_outside_its_audit_is_refused_when_recorded(personas: Personas, offset: int) -> None:
    audit = make_audit(personas, ends_on=END)
    with pytest.raises(ValidationError) as caught:
        services.finding_record(
            audit=audit,
            actor=personas.auditor,
            kind=FindingKind.OBSERVATION,
            description="Sổ theo dõi chưa ghi ngày",
            division=personas.division,
            found_on=DAY + dt.timedelta(days=offset),
        )
    assert "found_on" in caught.value.error_dict
    assert not audit.findings.exists()


def test_the_finding_form_of_a_past_audit_offers_a_date_within_it(personas: Personas) -> None:
    from django.urls import reverse

    from eiso.core.testing import client_for

    audit = make_audit(personas, ends_on=END)
    page = client_for(personas.auditor).get(reverse("audits:finding_add", args=[audit.pk])).content.decode()
    assert f'value="{END.isoformat()}"' in page


def test_an_audit_ending_before_it_starts_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        make_audit(personas, starts_on=END, ends_on=DAY)
    assert "ends_on" in caught.value.error_dict
    assert not Audit.objects.exists()


def test_an_audit_session_ends_after_it_starts(personas: Personas) -> None:
    audit = make_audit(personas)
    start = dt.datetime(2017, 7, 26, 9, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as caught:
        services.audit_session_add(
            audit=audit,
            actor=personas.secretary,
            division=personas.division,
            starts_at=start,
            ends_at=start,
            auditors=[personas.auditor],
        )
    assert "ends_at" in caught.value.error_dict
    assert not audit.sessions.exists()


# --- the programme -------------------------------------------------------------------------------------


def test_a_year_has_one_programme(personas: Personas) -> None:
    services.programme_create(agency=personas.agency, actor=personas.secretary, year=2017, title="CT 2017")
    with pytest.raises(ValidationError) as caught:
        services.programme_create(agency=personas.agency, actor=personas.secretary, year=2017, title="Lần 2")
    assert "year" in caught.value.error_dict
    services.programme_create(agency=personas.other_agency, actor=personas.outsider, year=2017, title="Khác")


@pytest.mark.parametrize("month", [0, 13])
def test_a_programme_item_is_planned_in_a_month_of_the_year(personas: Personas, month: int) -> None:
    programme = services.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2017, title="CT 2017"
    )
    with pytest.raises(ValidationError) as caught:
        services.programme_item_add(
            programme=programme, actor=personas.secretary, planned_month=month, division=personas.division
        )
    assert "planned_month" in caught.value.error_dict


def test_a_programme_item_names_what_is_audited_within_the_agency(personas: Personas) -> None:
    programme = services.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2017, title="CT 2017"
    )
    with pytest.raises(ValidationError, match="Chọn phòng"):
        services.programme_item_add(programme=programme, actor=personas.secretary, planned_month=7)
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        services.programme_item_add(
            programme=programme,
            actor=personas.secretary,
            planned_month=7,
            division=personas.outsider.division,
        )
    assert not programme.items.exists()


def test_an_audit_of_another_agencys_programme_is_refused_on_correction(personas: Personas) -> None:
    audit = make_audit(personas)
    foreign = services.programme_create(
        agency=personas.other_agency, actor=personas.outsider, year=2017, title="Khác"
    )
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        services.audit_update(
            audit=audit,
            actor=personas.secretary,
            title=audit.title,
            objectives=audit.objectives,
            scope=audit.scope,
            starts_on=DAY,
            ends_on=DAY,
            lead_auditor=personas.auditor,
            auditees=[personas.division],
            programme=foreign,
        )
    audit.refresh_from_db()
    assert audit.programme_id is None
