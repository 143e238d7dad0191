import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.audits import services
from eiso.audits.choices import FindingKind, ReportStatus
from eiso.audits.selectors import audit_summary, programme_coverage
from eiso.audits.tests.factories import DAY, make_audit, make_nc_finding
from eiso.core.choices import Role
from eiso.core.testing import Personas, client_for, make_person

pytestmark = pytest.mark.django_db

AT = dt.datetime(2017, 7, 26, 8, tzinfo=dt.UTC)


def test_an_auditor_is_refused_a_session_at_their_own_division(personas: Personas) -> None:
    audit = make_audit(personas)
    with pytest.raises(ValidationError, match="không được đánh giá chính phòng mình"):
        services.audit_session_add(
            audit=audit,
            actor=personas.secretary,
            division=personas.office,
            starts_at=AT,
            ends_at=AT + dt.timedelta(hours=2),
            auditors=[personas.auditor],
        )


def test_an_independent_auditor_is_scheduled_and_the_division_becomes_an_auditee(personas: Personas) -> None:
    audit = make_audit(personas, auditees=[personas.office])
    services.audit_session_add(
        audit=audit,
        actor=personas.secretary,
        division=personas.division,
        starts_at=AT,
        ends_at=AT + dt.timedelta(hours=2),
        auditors=[personas.auditor],
    )
    assert set(audit.auditees.all()) == {personas.office, personas.division}


def test_a_finding_at_the_auditors_own_division_is_refused(personas: Personas) -> None:
    audit = make_audit(personas)
    with pytest.raises(ValidationError, match="không được đánh giá chính phòng mình"):
        services.finding_record(
            audit=audit,
            actor=personas.auditor,
            kind=FindingKind.OBSERVATION,
            description="x",
            division=personas.office,
            found_on=DAY,
        )


def test_a_person_without_the_auditor_role_cannot_lead_an_audit(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="không phải chuyên gia đánh giá"):
        make_audit(personas, lead_auditor=personas.officer)


def test_a_nonconformity_finding_needs_evidence(personas: Personas) -> None:
    with pytest.raises(ValidationError) as caught:
        services.finding_record(
            audit=make_audit(personas),
            actor=personas.auditor,
            kind=FindingKind.NONCONFORMITY,
            description="x",
            division=personas.division,
            found_on=DAY,
        )
    assert "evidence" in caught.value.error_dict


def test_only_the_lead_auditor_approves_the_report_and_it_is_then_frozen(personas: Personas) -> None:
    audit = make_audit(personas)
    services.audit_report_save(audit=audit, actor=personas.secretary, summary="Tốt", conclusion="Phù hợp")
    with pytest.raises(ValidationError, match="trưởng đoàn"):
        services.audit_report_approve(audit=audit, actor=personas.secretary, on=DAY)
    services.audit_report_approve(audit=audit, actor=personas.auditor, on=DAY)
    assert audit.report_status == ReportStatus.APPROVED
    with pytest.raises(ValidationError, match="đã được phê duyệt"):
        services.audit_report_save(audit=audit, actor=personas.secretary, summary="Khác", conclusion="Khác")


def test_a_report_without_a_conclusion_cannot_be_approved(personas: Personas) -> None:
    audit = make_audit(personas)
    with pytest.raises(ValidationError, match="tóm tắt và kết luận"):
        services.audit_report_approve(audit=audit, actor=personas.auditor, on=DAY)


def test_the_checklist_is_copied_from_a_previous_audit_without_its_results(personas: Personas) -> None:
    previous = make_audit(personas)
    services.checklist_item_add(audit=previous, actor=personas.secretary, clause="7.5", question="Kiểm soát?")
    item = services.checklist_item_add(
        audit=previous, actor=personas.secretary, clause="8.5", question="Phiếu?"
    )
    services.checklist_item_record(item=item, actor=personas.auditor, evidence="Có", result="conform")
    audit = make_audit(personas, title="Đánh giá năm 2018")
    assert services.checklist_copy(audit=audit, actor=personas.secretary, source_audit=previous) == 2
    assert list(audit.checklist.values_list("clause", "evidence", "result")) == [
        ("7.5", "", ""),
        ("8.5", "", ""),
    ]


def test_programme_coverage_highlights_divisions_not_covered(personas: Personas) -> None:
    programme = services.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2018, title="CT"
    )
    services.programme_item_add(
        programme=programme, actor=personas.secretary, division=personas.division, planned_month=6
    )
    coverage = programme_coverage(programme=programme)
    assert {d.code: d.covered for d in coverage["divisions"]} == {"VP": False, "P1": True}
    assert coverage["division_counts"] == {"total": 2, "covered": 1}


def test_only_the_leadership_approves_a_programme_with_content(personas: Personas) -> None:
    programme = services.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2018, title="CT"
    )
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        services.programme_approve(programme=programme, actor=personas.director, on=DAY)
    services.programme_item_add(
        programme=programme, actor=personas.secretary, division=personas.office, planned_month=3
    )
    with pytest.raises(ValidationError, match="lãnh đạo"):
        services.programme_approve(programme=programme, actor=personas.secretary, on=DAY)
    services.programme_approve(programme=programme, actor=personas.director, on=DAY)
    assert programme.approved_by == personas.director


def test_the_audit_summary_matches_a_hand_count(personas: Personas) -> None:
    second_auditor = make_person(personas.agency, Role.AUDITOR, division=personas.division)
    audit = make_audit(personas, team=[second_auditor], auditees=[personas.division, personas.office])
    make_nc_finding(personas, audit)
    services.finding_record(
        audit=audit,
        actor=personas.auditor,
        kind=FindingKind.STRENGTH,
        description="Tốt",
        division=personas.division,
        found_on=DAY,
    )
    services.finding_record(
        audit=audit,
        actor=second_auditor,
        kind=FindingKind.OBSERVATION,
        description="Lưu ý",
        division=personas.office,
        found_on=DAY,
    )
    make_audit(personas, starts_on=dt.date(2018, 3, 1), ends_on=dt.date(2018, 3, 1))  # outside the period
    summary = audit_summary(
        agency=personas.agency, date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 12, 31)
    )
    assert summary["audits_held"] == 1
    assert (summary["divisions_audited"], summary["divisions_total"]) == (2, 2)
    assert summary["findings"] == {"strength": 1, "observation": 1, "nonconformity": 1, "total": 3}
    # every finding counted is quoted, observations included
    assert [f["kind"] for f in summary["finding_texts"]] == ["nonconformity", "observation", "strength"]
    assert [a["title"] for a in summary["audits"]] == ["Đánh giá nội bộ năm 2017"]
    by_division = {
        row["division__code"]: (row["strength"], row["observation"], row["nonconformity"])
        for row in summary["findings_by_division"]
    }
    assert by_division == {"VP": (0, 1, 0), "P1": (1, 0, 1)}


def test_the_report_downloads_as_docx_and_pdf(personas: Personas) -> None:
    audit = make_audit(personas)
    make_nc_finding(personas, audit)
    client = client_for(personas.secretary)
    docx = client.get(reverse("audits:report_download", kwargs={"pk": audit.pk, "fmt": "docx"}))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(reverse("audits:report_download", kwargs={"pk": audit.pk, "fmt": "pdf"}))
    assert pdf.content[:4] == b"%PDF"


def test_the_audit_pages_render_for_staff(personas: Personas) -> None:
    audit = make_audit(personas)
    make_nc_finding(personas, audit)
    programme = services.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2018, title="CT"
    )
    client = client_for(personas.secretary)
    for url in (
        reverse("audits:list"),
        reverse("audits:programmes"),
        reverse("audits:create"),
        reverse("audits:programme_create"),
        reverse("audits:detail", kwargs={"pk": audit.pk}),
        reverse("audits:programme_detail", kwargs={"pk": programme.pk}),
    ):
        assert client.get(url).status_code == 200, url


def test_an_invalid_session_shows_the_independence_error_on_the_page(personas: Personas) -> None:
    audit = make_audit(personas)
    response = client_for(personas.secretary).post(
        reverse("audits:session_add", kwargs={"pk": audit.pk}),
        {
            "division": personas.office.pk,
            "starts_at": "2017-07-26T08:00",
            "ends_at": "2017-07-26T10:00",
            "auditors": [personas.auditor.pk],
        },
    )
    assert response.status_code == 400
    assert "không được đánh giá chính phòng mình" in response.content.decode()


def test_an_auditor_records_a_finding_through_the_form(personas: Personas) -> None:
    audit = make_audit(personas)
    response = client_for(personas.auditor).post(
        reverse("audits:finding_add", kwargs={"pk": audit.pk}),
        {
            "kind": "strength",
            "division": personas.division.pk,
            "description": "Tốt",
            "found_on": "2017-07-26",
        },
    )
    assert response.status_code == 302
    assert audit.findings.get().auditor == personas.auditor


def test_an_officer_cannot_plan_an_audit(personas: Personas) -> None:
    assert client_for(personas.officer).get(reverse("audits:create")).status_code == 403
