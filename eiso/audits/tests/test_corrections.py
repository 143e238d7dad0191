"""Correcting an audit while it is open, cancelling instead of deleting, and approving without losing text."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.audits import services
from eiso.audits.choices import FindingKind, ReportStatus
from eiso.audits.models import Audit, AuditProgramme
from eiso.audits.tests.factories import DAY, make_audit, make_nc_finding
from eiso.core.testing import Personas, client_for

pytestmark = pytest.mark.django_db


def _plan(p: Personas, audit: Audit, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": audit.title,
        "objectives": audit.objectives,
        "scope": audit.scope,
        "starts_on": audit.starts_on.isoformat(),
        "ends_on": audit.ends_on.isoformat(),
        "lead_auditor": p.auditor.pk,
        "auditees": [p.division.pk],
    }
    data.update(changes)
    return data


def _programme(p: Personas, year: int) -> AuditProgramme:
    return services.programme_create(
        agency=p.agency, actor=p.secretary, year=year, title=f"Chương trình {year}"
    )


def test_a_planner_corrects_the_plan_and_the_change_is_in_its_history(personas: Personas) -> None:
    audit = make_audit(personas)
    url = reverse("audits:edit", args=[audit.pk])
    response = client_for(personas.secretary).post(url, _plan(personas, audit, title="Đánh giá nội bộ đợt 1"))
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.title == "Đánh giá nội bộ đợt 1"
    titles = list(audit.history.values_list("title", flat=True))
    assert titles[0] == "Đánh giá nội bộ đợt 1"
    assert "Đánh giá nội bộ năm 2017" in titles[1:]


def test_an_audit_dated_2017_cannot_join_the_2018_programme_and_the_form_keeps_what_was_typed(
    personas: Personas,
) -> None:
    programme = _programme(personas, 2018)
    audit = make_audit(personas)
    data = _plan(personas, audit, title="Tên mới gõ vào", starts_on="2017-10-10", ends_on="2017-10-10")
    data["programme"] = programme.pk
    response = client_for(personas.secretary).post(reverse("audits:edit", args=[audit.pk]), data)
    assert response.status_code == 400
    assert "phải diễn ra trong năm 2018" in response.content.decode()
    assert 'value="Tên mới gõ vào"' in response.content.decode()
    audit.refresh_from_db()
    assert audit.title != "Tên mới gõ vào"


def test_planning_into_another_years_programme_is_refused_by_the_service(personas: Personas) -> None:
    programme = _programme(personas, 2018)
    with pytest.raises(ValidationError, match="2018"):
        make_audit(
            personas, programme=programme, starts_on=dt.date(2017, 10, 10), ends_on=dt.date(2017, 10, 10)
        )


def test_the_lead_auditor_approves_the_report_with_the_text_just_typed(personas: Personas) -> None:
    audit = make_audit(personas)
    response = client_for(personas.auditor).post(
        reverse("audits:report_save", args=[audit.pk]),
        {"summary": "Hệ thống vận hành tốt", "conclusion": "Phù hợp", "act": "approve"},
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.summary, audit.conclusion) == ("Hệ thống vận hành tốt", "Phù hợp")
    assert audit.report_status == ReportStatus.APPROVED


def test_the_approve_url_also_saves_what_was_typed(personas: Personas) -> None:
    audit = make_audit(personas)
    client_for(personas.auditor).post(
        reverse("audits:report_approve", args=[audit.pk]), {"summary": "Tóm tắt", "conclusion": "Kết luận"}
    )
    audit.refresh_from_db()
    assert audit.report_status == ReportStatus.APPROVED
    assert audit.summary == "Tóm tắt"


def test_a_refused_approval_shows_the_reason_and_keeps_the_typed_text(personas: Personas) -> None:
    audit = make_audit(personas)
    response = client_for(personas.secretary).post(
        reverse("audits:report_save", args=[audit.pk]),
        {"summary": "Văn bản chưa lưu", "conclusion": "Kết luận chưa lưu", "act": "approve"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chỉ trưởng đoàn đánh giá được phê duyệt báo cáo." in page
    assert "Văn bản chưa lưu" in page and "Kết luận chưa lưu" in page
    audit.refresh_from_db()
    assert audit.report_status == ReportStatus.DRAFT


def test_saving_the_draft_keeps_it_a_draft(personas: Personas) -> None:
    audit = make_audit(personas)
    client_for(personas.auditor).post(
        reverse("audits:report_save", args=[audit.pk]), {"summary": "S", "conclusion": "C", "act": "save"}
    )
    audit.refresh_from_db()
    assert (audit.summary, audit.report_status) == ("S", ReportStatus.DRAFT)


def test_only_the_lead_auditor_is_offered_the_approve_button(personas: Personas) -> None:
    audit = make_audit(personas)
    url = reverse("audits:detail", args=[audit.pk])
    assert "Phê duyệt báo cáo" in client_for(personas.auditor).get(url).content.decode()
    assert "Phê duyệt báo cáo" not in client_for(personas.secretary).get(url).content.decode()


def test_a_reader_sees_no_button_to_change_the_audit(personas: Personas) -> None:
    audit = make_audit(personas)
    page = client_for(personas.viewer).get(reverse("audits:detail", args=[audit.pk])).content.decode()
    for label in ("Sửa kế hoạch", "Hủy cuộc đánh giá", "Ghi nhận phát hiện", "Lưu dự thảo"):
        assert label not in page


def test_after_approval_the_page_offers_the_amendment_path_not_an_edit_button(personas: Personas) -> None:
    audit = make_audit(personas)
    services.audit_report_save(audit=audit, actor=personas.auditor, summary="S", conclusion="C")
    services.audit_report_approve(audit=audit, actor=personas.auditor, on=DAY)
    client = client_for(personas.secretary)
    page = client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert "Sửa kế hoạch" not in page
    assert "sự không phù hợp và hành động khắc phục" in page
    response = client.get(reverse("audits:edit", args=[audit.pk]))
    assert response.status_code == 302


def test_an_audit_is_cancelled_with_a_reason_and_kept(personas: Personas) -> None:
    audit = make_audit(personas)
    client = client_for(personas.secretary)
    refused = client.post(reverse("audits:cancel", args=[audit.pk]), {"reason": ""})
    assert refused.status_code == 400
    client.post(reverse("audits:cancel", args=[audit.pk]), {"reason": "Trùng kế hoạch"})
    audit.refresh_from_db()
    assert audit.cancelled_on is not None and audit.cancel_reason == "Trùng kế hoạch"
    with pytest.raises(ValidationError, match="đã bị hủy"):
        services.audit_report_save(audit=audit, actor=personas.auditor, summary="x", conclusion="y")


def test_the_auditor_corrects_their_finding_while_the_audit_is_open(personas: Personas) -> None:
    audit = make_audit(personas)
    finding = make_nc_finding(personas, audit=audit)
    response = client_for(personas.auditor).post(
        reverse("audits:finding_edit", args=[finding.pk]),
        {
            "kind": FindingKind.OBSERVATION,
            "division": personas.division.pk,
            "description": "Mô tả đã sửa",
            "found_on": DAY.isoformat(),
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.description) == (FindingKind.OBSERVATION, "Mô tả đã sửa")


def test_a_finding_dated_outside_its_audit_is_refused(personas: Personas) -> None:
    finding = make_nc_finding(personas)
    with pytest.raises(ValidationError, match="trong thời gian đánh giá"):
        services.finding_update(
            finding=finding,
            actor=personas.auditor,
            kind=finding.kind,
            description=finding.description,
            evidence=finding.evidence,
            division=personas.division,
            found_on=DAY + dt.timedelta(days=40),
        )


def test_a_finding_is_withdrawn_with_a_reason(personas: Personas) -> None:
    audit = make_audit(personas)
    finding = services.finding_record(
        audit=audit,
        actor=personas.auditor,
        kind=FindingKind.OBSERVATION,
        description="Ghi nhầm",
        division=personas.division,
        found_on=DAY,
    )
    client_for(personas.auditor).post(
        reverse("audits:finding_cancel", args=[finding.pk]), {"reason": "Ghi nhầm"}
    )
    finding.refresh_from_db()
    assert finding.cancelled_on is not None
    page = client_for(personas.auditor).get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert "Đã hủy" in page


def test_an_officer_cannot_correct_a_plan(personas: Personas) -> None:
    audit = make_audit(personas)
    response = client_for(personas.officer).post(
        reverse("audits:edit", args=[audit.pk]), _plan(personas, audit)
    )
    assert response.status_code == 403


def test_a_refused_plan_shows_again_the_dates_typed_as_dd_mm_yyyy(personas: Personas) -> None:
    programme = _programme(personas, 2018)
    audit = make_audit(personas)
    data = _plan(personas, audit, starts_on="10/10/2017", ends_on="11/10/2017")
    data["programme"] = programme.pk
    response = client_for(personas.secretary).post(reverse("audits:edit", args=[audit.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="2017-10-10"' in page and 'value="2017-10-11"' in page
