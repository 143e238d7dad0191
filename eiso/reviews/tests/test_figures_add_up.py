"""Issue 12 §5, §7: every figure of a review input is reproducible from the records listed behind it, the
parts add up to the totals, and a figure "as of" a date is the state of the records on that date.

Each test builds the records through the services, collects the inputs as the secretary does, and reads the
frozen figures and the report lines that go into the minutes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from eiso.audits import services as audits
from eiso.audits.choices import FindingKind
from eiso.audits.tests.factories import make_audit
from eiso.core.choices import Role
from eiso.core.services import division_create
from eiso.core.testing import Personas, make_person
from eiso.dossiers.tests.factories import make_procedure
from eiso.improvements import services as improvements
from eiso.improvements.choices import NcSource
from eiso.improvements.tests.factories import planned_car
from eiso.procedures.services import process_save
from eiso.reviews import services
from eiso.reviews.choices import ActionState, DecisionKind, ProviderKind, ProviderResult
from eiso.reviews.models import ManagementReview
from eiso.reviews.sections import section_records, section_signals, section_text
from eiso.reviews.tests.helpers import planned
from eiso.risks import services as risks
from eiso.surveys.services import questionnaire_default_create, survey_response_submit

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2017, 8, 1)
LOCAL = dt.timezone(dt.timedelta(hours=7))


def collected(personas: Personas, review: ManagementReview | None = None) -> dict[str, dict[str, Any]]:
    review = review or planned(personas)
    services.review_collect_inputs(review=review, as_of=AS_OF, actor=personas.secretary)
    return {item.key: item.data for item in review.inputs.all()}


def lines(key: str, data: dict[str, dict[str, Any]]) -> list[str]:
    return section_text(key, data[key])


def test_risk_levels_add_up_to_the_risks_and_the_opportunity_is_counted_apart(personas: Personas) -> None:
    for code, kind, likelihood, impact in (
        ("R1", "risk", 4, 5),  # 20: high
        ("R2", "risk", 4, 4),  # 16: high
        ("R3", "risk", 3, 3),  # 9: medium
        ("R4", "risk", 2, 4),  # 8: medium
        ("R5", "risk", 2, 3),  # 6: medium
        ("O1", "opportunity", 4, 3),  # 12: would be "medium" if it had a level
    ):
        risks.risk_register(
            agency=personas.agency,
            actor=personas.secretary,
            code=code,
            kind=kind,
            description=f"Mô tả {code}",
            likelihood=likelihood,
            impact=impact,
            identified_on=dt.date(2017, 2, 1),
        )
    data = collected(personas)
    figures = data["risks"]
    assert figures["high"] + figures["medium"] + figures["low"] == figures["risks"] == 5
    text = lines("risks", data)
    assert text[0] == "Rủi ro đang theo dõi: 5 (cao 2, trung bình 3, thấp 0); cơ hội: 1."
    assert "O1 (cơ hội): Mô tả O1" in text and "R1 (rủi ro mức cao): Mô tả R1" in text
    assert [label for label, _url in section_records("risks", figures)] == [
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
        "O1",
    ]


def _audited_division(personas: Personas) -> Any:
    """A third division whose procedure no held audit reached, though the programme planned it."""
    other = division_create(agency=personas.agency, code="P2", name="Phòng Chuyên môn 2", order=3)
    unit = "working_days"
    reached = make_procedure(personas.agency, "1.001")
    missed = make_procedure(personas.agency, "1.002")
    for code, procedure, specialist in (("QT-1", reached, personas.division), ("QT-2", missed, other)):
        process_save(
            agency=personas.agency,
            actor=None,
            code=code,
            name=f"Quy trình {procedure.code}",
            procedures=[procedure],
            steps=[
                ("Bộ phận Một cửa tiếp nhận", personas.office, Decimal("0.5"), unit),
                ("Phòng chuyên môn thẩm định", specialist, Decimal("9"), unit),
                ("Bộ phận Một cửa trả kết quả", personas.office, Decimal("0.5"), unit),
            ],
        )
    programme = audits.programme_create(
        agency=personas.agency, actor=personas.secretary, year=2017, title="Chương trình 2017"
    )
    for division in (personas.office, personas.division, other):
        audits.programme_item_add(
            programme=programme, actor=personas.secretary, planned_month=7, division=division
        )
    return other


def test_audit_coverage_comes_from_the_audits_held_and_every_finding_counted_is_listed(
    personas: Personas,
) -> None:
    other = _audited_division(personas)
    audit = make_audit(personas, auditees=[personas.office, personas.division, other])
    office_auditor = make_person(
        personas.agency, Role.AUDITOR, division=personas.division, name="Chuyên gia 2"
    )
    for division, auditor, hour in (
        (personas.division, personas.auditor, 8),
        (personas.office, office_auditor, 14),
    ):
        starts = dt.datetime(2017, 7, 26, hour, tzinfo=LOCAL)
        audits.audit_session_add(
            audit=audit,
            actor=personas.secretary,
            division=division,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            auditors=[auditor],
        )
    for kind, description in (
        (FindingKind.STRENGTH, "Hồ sơ lưu đầy đủ"),
        (FindingKind.OBSERVATION, "Sổ theo dõi chưa ghi ngày trả kết quả"),
        (FindingKind.OBSERVATION, "Biểu mẫu cũ còn lưu tại bàn làm việc"),
    ):
        audits.finding_record(
            audit=audit,
            actor=personas.auditor,
            kind=kind,
            description=description,
            division=personas.division,
            found_on=dt.date(2017, 7, 26),
        )
    # planned for September at the missed division, nothing recorded yet: not an audit held
    make_audit(
        personas, title="Đánh giá bổ sung", starts_on=dt.date(2017, 7, 31), ends_on=dt.date(2017, 7, 31)
    )

    data = collected(personas)
    figures = data["internal_audit"]
    assert figures["audits_held"] == 1
    assert (figures["divisions_audited"], figures["divisions_total"]) == (2, 3)
    assert (figures["procedures_covered"], figures["procedures_total"]) == (1, 2)
    text = lines("internal_audit", data)
    assert text[0] == "1 cuộc đánh giá nội bộ đã thực hiện; đã đánh giá 2/3 phòng, 1/2 TTHC."
    assert "Phòng chưa được đánh giá: Phòng Chuyên môn 2." in text
    assert "TTHC chưa được đánh giá: 1.002." in text
    observations = [line for line in text if line.startswith("Điểm lưu ý")]
    assert len(observations) == figures["findings"]["observation"] == 2
    assert "2 TTHC chưa được đánh giá" not in section_signals("internal_audit", figures)
    assert "1 TTHC chưa được đánh giá" in section_signals("internal_audit", figures)
    assert [label for label, _url in section_records("internal_audit", figures)] == [audit.title]


def test_an_overdue_decision_of_the_previous_review_is_shown_overdue_as_it_stood_on_the_as_of_date(
    personas: Personas,
) -> None:
    previous = ManagementReview.objects.create(
        agency=personas.agency,
        year=2016,
        planned_on=dt.date(2016, 8, 15),
        chair=personas.director,
        secretary=personas.secretary,
        state="held",
    )
    training = services.decision_add(
        review=previous,
        kind=DecisionKind.RESOURCE_NEED,
        text="Đào tạo bổ sung chuyên gia đánh giá nội bộ",
        deadline=dt.date(2017, 6, 30),
        actor=personas.secretary,
    )
    manual = services.decision_add(
        review=previous,
        kind=DecisionKind.QMS_CHANGE,
        text="Sửa đổi Sổ tay chất lượng",
        deadline=dt.date(2017, 12, 31),
        actor=personas.secretary,
    )
    # closed after the as-of date: it was still being carried out that day
    services.decision_close(
        decision=manual, state=ActionState.DONE, result_note="Đã ban hành", actor=None, on=dt.date(2017, 9, 1)
    )
    data = collected(personas)
    figures = data["previous_actions"]
    assert (figures["total"], figures["done"], figures["open"], figures["overdue"]) == (2, 0, 2, 1)
    text = lines("previous_actions", data)
    assert text[0] == "Tổng số 2 nội dung: 0 đã hoàn thành, 2 đang thực hiện (quá hạn 1), 0 đã hủy."
    assert f"{training.text} (2016): Đang thực hiện, quá hạn (hạn 30/06/2017)." in text
    assert f"{manual.text} (2016): Đang thực hiện." in text
    assert section_signals("previous_actions", figures) == ["1 kết luận kỳ trước quá hạn chưa hoàn thành"]


def _verify(personas: Personas, car: Any, on: dt.date) -> None:
    improvements.action_item_done(
        item=car.actions.get(), actor=personas.officer, at=dt.datetime(2017, 7, 20, 9, tzinfo=LOCAL)
    )
    car.refresh_from_db()
    improvements.corrective_action_verify(car=car, actor=personas.auditor, on=on, result="effective", note="")


def test_corrective_actions_are_counted_as_they_stood_on_the_as_of_date_and_add_up(
    personas: Personas,
) -> None:
    closed_before = planned_car(personas, on=dt.date(2017, 6, 1), deadline=dt.date(2017, 7, 15))
    _verify(personas, closed_before, dt.date(2017, 7, 25))
    closed_after = planned_car(personas, on=dt.date(2017, 6, 5), deadline=dt.date(2017, 7, 20))
    _verify(personas, closed_after, dt.date(2017, 9, 10))  # closed today, long after the meeting
    planned_car(personas, on=dt.date(2017, 7, 10), deadline=dt.date(2017, 8, 30))  # open, not yet due

    data = collected(personas)
    figures = data["nonconformities"]
    assert (figures["closed"], figures["open"], figures["overdue"]) == (1, 2, 1)
    parts = figures["closed"] + figures["forwarded"] + figures["cancelled"] + figures["open"]
    assert figures["requested"] + figures["carried_over"] == parts == 3
    text = lines("nonconformities", data)
    assert text[0] == "Phát sinh 3 điểm không phù hợp, trong đó 3 đã có yêu cầu hành động khắc phục."
    assert "đã đóng 1" in text[1] and "còn mở 2 (quá hạn 1)" in text[1]
    assert (
        f"Phiếu {closed_after.number} (Phòng Chuyên môn 1), lập ngày 05/06/2017: còn mở, hạn 20/07/2017."
        in text
    )
    assert len(section_records("nonconformities", figures)) == 3


def test_satisfaction_reports_anonymous_responses_apart_with_the_feedback_of_interested_parties(
    personas: Personas,
) -> None:
    questionnaire = questionnaire_default_create(agency=personas.agency)
    overall = questionnaire.questions.get(is_overall=True)
    text_question = questionnaire.questions.filter(kind="text").first()
    for day, rating, comment in (
        (dt.date(2017, 3, 1), 5, ""),
        (dt.date(2017, 4, 1), 2, "Phải đi lại nhiều lần"),
        (dt.date(2017, 5, 1), 4, ""),
    ):
        answers: dict[int, Any] = {
            q.pk: 2 if q.kind == "tt01_points" else 4 for q in questionnaire.questions.all()
        }
        answers[overall.pk] = rating
        if text_question is not None:
            answers[text_question.pk] = comment
        survey_response_submit(questionnaire=questionnaire, answers=answers, period=day)
    improvements.nonconformity_raise(
        agency=personas.agency,
        actor=personas.secretary,
        description="Công dân phản ánh việc trả kết quả trễ hẹn qua đường dây nóng",
        raised_on=dt.date(2017, 6, 12),
        source_kind=NcSource.COMPLAINT,
    )
    data = collected(personas)
    figures = data["satisfaction"]
    identified, anonymous = figures["identified"], figures["anonymous"]
    assert identified["valid"] + anonymous["valid"] == figures["valid"] == 3
    assert (anonymous["satisfied"], anonymous["valid"]) == (2, 3)
    text = lines("satisfaction", data)
    assert text[1] == (
        "Phiếu gắn mã hồ sơ đã giải quyết: 0 phiếu, chưa có đánh giá chung; "
        "phiếu ẩn danh: 2/3 phiếu hài lòng (66,7%)."
    )
    if text_question is not None:
        assert "Ngày 01/04/2017: Phải đi lại nhiều lần" in text
    assert "Phản ánh, kiến nghị của tổ chức, cá nhân đã ghi nhận: 1." in text
    assert "Ngày 12/06/2017: Công dân phản ánh việc trả kết quả trễ hẹn qua đường dây nóng" in text
    assert section_signals("satisfaction", figures) == ["1 phiếu chưa hài lòng", "1 phản ánh, kiến nghị"]


def test_the_performance_of_external_providers_is_an_input_of_its_own(personas: Personas) -> None:
    post = services.provider_register(
        agency=personas.agency,
        name="Bưu điện tỉnh",
        kind=ProviderKind.POSTAL,
        service="Chuyển phát hồ sơ, kết quả TTHC",
        since=dt.date(2016, 1, 1),
        actor=personas.secretary,
    )
    services.provider_evaluate(
        provider=post,
        evaluated_on=dt.date(2017, 7, 5),
        period_from=dt.date(2017, 1, 1),
        period_to=dt.date(2017, 6, 30),
        criterion="Chuyển phát đúng hẹn",
        met=37,
        total=38,
        result=ProviderResult.PARTLY,
        note="Một bưu gửi chậm một ngày",
        actor=personas.secretary,
    )
    services.provider_register(
        agency=personas.agency,
        name="Công ty phần mềm",
        kind=ProviderKind.SOFTWARE,
        service="Phần mềm một cửa điện tử",
        since=dt.date(2017, 1, 1),
        actor=personas.secretary,
    )
    data = collected(personas)
    figures = data["external_providers"]
    parts = figures["meets"] + figures["partly"] + figures["fails"] + figures["not_evaluated"]
    assert parts == figures["providers"] == 2
    text = lines("external_providers", data)
    assert text[0] == (
        "Nhà cung cấp bên ngoài đang sử dụng: 2; theo lần đánh giá gần nhất trong năm: đạt yêu cầu 0, "
        "đạt một phần 1, không đạt 0, chưa được đánh giá 1."
    )
    assert any(
        "chuyển phát đúng hẹn 37/38: đạt một phần. Một bưu gửi chậm một ngày." in line for line in text
    )
    assert any(line.startswith("Công ty phần mềm") and "chưa được đánh giá" in line for line in text)
    assert section_signals("external_providers", figures) == [
        "1 nhà cung cấp chỉ đạt một phần",
        "1 nhà cung cấp chưa được đánh giá",
    ]
