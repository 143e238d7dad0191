"""Each review input section's report lines and chart, from frozen data as the review stores it (plain JSON,
possibly frozen before a module existed), without the database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from eiso.reviews.sections import SECTION_BY_KEY, SECTIONS, section_chart, section_text
from eiso.reviews.sections.base import d, number, pct, vnd

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def vietnamese() -> Any:
    with translation.override("vi"):
        yield


def frozen(data: dict[str, Any]) -> dict[str, Any]:
    """What JSONField gives back."""
    return json.loads(json.dumps({"available": True, **data}))


DOSSIERS = {
    "received_online": 3,
    "received_direct": 5,
    "carried_over": 1,
    "received_total": 9,
    "resolved_early": 4,
    "resolved_on_time": 2,
    "resolved_late": 1,
    "resolved_total": 7,
    "pending_in_time": 1,
    "pending_overdue": 1,
    "pending_total": 2,
    "resolved_late_with_apology": 0,
    "on_time_rate": 0.8571,
    "quarters": [
        {"label": "Q1", "received_total": 5, "resolved_early": 3, "resolved_on_time": 1, "resolved_late": 0},
        {"label": "Q2", "received_total": 4, "resolved_early": 1, "resolved_on_time": 1, "resolved_late": 1},
    ],
    "late": [{"code": "H34-0007", "procedure": "Cấp phép", "cause": ""}],
}


def test_figures_are_written_the_vietnamese_way() -> None:
    assert (d("2017-08-07"), number(12.5), number(3.0), pct(0.8571, fraction=True), pct(None)) == (
        "07/08/2017",
        "12,5",
        "3",
        "85,7%",
        "—",
    )
    assert vnd(15_000_000) == "15.000.000 đồng" and vnd(None) == ""


def test_dossier_lines_give_the_received_resolved_and_pending_figures_and_each_late_dossier() -> None:
    text = "\n".join(section_text("dossiers", frozen(DOSSIERS)))
    for figures in ("9 hồ sơ", "trực tuyến 3", "trực tiếp 5", "kỳ trước chuyển sang 1", "85,7%"):
        assert figures in text
    assert "sớm hạn 4, đúng hạn 2, quá hạn 1" in text and "trong hạn 1, quá hạn 1" in text
    assert "H34-0007: chưa rõ nguyên nhân" in text


def test_the_dossier_chart_stacks_the_quarters_and_is_drawn_in_svg_and_png() -> None:
    svg = section_chart("dossiers", frozen(DOSSIERS))
    png = section_chart("dossiers", frozen(DOSSIERS), fmt="png")
    assert svg is not None and b"<svg" in svg
    assert png is not None and png.startswith(b"\x89PNG")


def test_a_section_frozen_while_its_module_was_missing_reads_no_data_and_has_no_chart() -> None:
    for section in SECTIONS:
        lines = section_text(section.key, {"available": False, "module": section.key})
        expected = (
            []
            if section.key in ("resources", "improvement")
            else ["Chưa có số liệu (phân hệ chưa được triển khai)."]
        )
        assert lines == expected, section.key
        assert section_chart(section.key, {"available": False}) is None


def test_a_key_no_longer_compiled_has_no_lines_and_no_chart() -> None:
    assert section_text("gone", {"available": True}) == []
    assert section_chart("gone", {"available": True}) is None


def test_objective_lines_name_each_indicator_with_its_result_and_status() -> None:
    data = frozen(
        {
            "met": 1,
            "total": 2,
            "items": [
                {
                    "objective": "Giải quyết hồ sơ đúng hạn",
                    "target": "≥ 95%",
                    "target_value": 95.0,
                    "value": 97.5,
                    "unit": "%",
                    "display": "39/40",
                    "status": "met",
                },
                {"name": "Hài lòng", "target": "≥ 90%", "value": None, "unit": "%", "status": "no_data"},
            ],
        }
    )
    assert section_text("objectives", data) == [
        "Đạt 1/2 chỉ tiêu.",
        "Giải quyết hồ sơ đúng hạn: chỉ tiêu từ 95% trở lên, kết quả 97,5% (39/40), đánh giá: đạt.",
        "Hài lòng: chỉ tiêu từ 90% trở lên, kết quả chưa có số liệu.",
    ]
    chart = section_chart("objectives", data)
    assert chart is not None and b"<svg" in chart  # the measured indicator only
    assert section_text("objectives", frozen({"items": [], "met": 0, "total": 0})) == [
        "Chưa ban hành mục tiêu chất lượng cho năm."
    ]
    assert section_chart("objectives", frozen({"items": [], "met": 0, "total": 0})) is None


def test_satisfaction_reads_the_rate_and_draws_a_donut_only_with_responses() -> None:
    data = frozen({"responses": 4, "valid": 4, "satisfied": 3, "rate": 75.0, "per_question": []})
    assert section_text("satisfaction", data) == [
        "Mức độ hài lòng của tổ chức, công dân đạt 75% (3/4 phiếu hài lòng)."
    ]
    assert section_chart("satisfaction", data) is not None
    empty = frozen({"responses": 0, "valid": 0, "satisfied": 0, "rate": None, "per_question": []})
    assert section_text("satisfaction", empty) == ["Chưa có phiếu khảo sát có đánh giá chung trong kỳ."]
    assert section_chart("satisfaction", empty) is None


def test_previous_actions_list_each_decision_with_its_state_and_result() -> None:
    item = {"year": 2016, "kind": "improvement", "text": "Chuẩn hóa quy trình", "owner": "", "deadline": None}
    data = frozen(
        {
            "total": 1,
            "done": 1,
            "open": 0,
            "cancelled": 0,
            "items": [{**item, "state": "done", "result_note": "Đã ban hành", "overdue": False}],
        }
    )
    assert section_text("previous_actions", data) == [
        "Tổng số 1 nội dung: 1 đã hoàn thành, 0 đang thực hiện (quá hạn 0), 0 đã hủy.",
        "Chuẩn hóa quy trình (2016): Đã hoàn thành. Đã ban hành.",
    ]
    assert section_chart("previous_actions", data) is not None
    assert section_text("previous_actions", frozen({"total": 0, "items": []})) == [
        "Không có kết luận nào từ cuộc họp xem xét lần trước."
    ]


def test_audit_lines_quote_the_strengths_before_the_nonconformities() -> None:
    data = frozen(
        {
            "audits": [{"title": "Đánh giá nội bộ 2017", "starts_on": "2017-07-26", "ends_on": "2017-07-27"}],
            "finding_texts": [
                {"kind": "nonconformity", "division": "Văn phòng", "description": "Thiếu phiếu kiểm soát"},
                {"kind": "strength", "division": "Phòng QLCN", "description": "Hồ sơ đầy đủ"},
            ],
            "audits_held": 1,
            "divisions_total": 5,
            "divisions_audited": 4,
            "procedures_total": 20,
            "procedures_covered": 18,
            "findings": {"strength": 1, "observation": 0, "nonconformity": 1, "total": 2},
            "findings_by_division": [],
        }
    )
    assert section_text("internal_audit", data) == [
        "1 cuộc đánh giá nội bộ đã thực hiện; đã đánh giá 4/5 phòng, 18/20 TTHC.",
        "Phát hiện: 1 điểm mạnh, 0 điểm lưu ý, 1 điểm không phù hợp.",
        "Đánh giá nội bộ 2017, ngày 26/07/2017.",
        "Điểm mạnh (Phòng QLCN): Hồ sơ đầy đủ.",
        "Điểm không phù hợp (Văn phòng): Thiếu phiếu kiểm soát.",
    ]


def test_resources_list_the_budget_lines_and_improvement_has_no_figures() -> None:
    data = frozen({"budget_lines": [{"text": "Kinh phí đánh giá nội bộ", "amount_vnd": 10_000_000}]})
    assert section_text("resources", data) == ["Kinh phí đánh giá nội bộ: 10.000.000 đồng"]
    assert section_text("improvement", frozen({})) == []


def test_the_page_reads_a_section_in_english() -> None:
    with translation.override("en"):
        line = section_text("satisfaction", frozen({"responses": 2, "satisfied": 1, "rate": 50.0}))[0]
        title = str(SECTION_BY_KEY["satisfaction"].title)
    assert "50%" in line and "Mức độ" not in line
    assert title and "Sự hài lòng" not in title
