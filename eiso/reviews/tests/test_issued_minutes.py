"""Issued minutes do not change: no decision added, no meeting detail or commentary edited, a number
required to issue; the downloaded minutes stay the same; a decision's progress is still recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eiso.core.testing import Personas
from eiso.reviews import paperwork, services
from eiso.reviews.choices import ActionState, DecisionKind
from eiso.reviews.models import ManagementReview
from eiso.reviews.tests.helpers import held, with_decisions


def _issued(personas: Personas) -> ManagementReview:
    review = with_decisions(personas, held(personas))
    return services.review_issue_minutes(
        review=review, number="37", notice_number="38", actor=personas.secretary
    )


def _minutes_text(review: ManagementReview) -> str:
    document = paperwork.minutes_document(review, with_charts=False)
    return "\n".join(str(block) for block in document.blocks)


def test_minutes_cannot_be_issued_without_a_number(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    for number in ("", "   "):
        with pytest.raises(ValidationError, match="số văn bản"):
            services.review_issue_minutes(
                review=review, number=number, notice_number="38", actor=personas.secretary
            )


def test_no_decision_is_added_once_the_minutes_are_issued(personas: Personas) -> None:
    review = _issued(personas)
    before = _minutes_text(review)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.decision_add(
            review=review, kind=DecisionKind.IMPROVEMENT, text="Kết luận thêm sau ngày ký", actor=None
        )
    assert review.decisions.count() == 2
    assert _minutes_text(ManagementReview.objects.get(pk=review.pk)) == before


def test_the_meeting_and_its_commentary_are_not_edited_once_issued(personas: Personas) -> None:
    review = _issued(personas)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.review_update(review=review, conclusion="Viết lại kết luận", actor=None)
    item = review.inputs.first()
    assert item is not None
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.input_comment(review_input=item, commentary="Sửa nhận xét", actor=None)


def test_the_progress_of_a_minuted_decision_is_still_recorded(personas: Personas) -> None:
    review = _issued(personas)
    decision = review.decisions.first()
    assert decision is not None
    services.decision_close(
        decision=decision, state=ActionState.DONE, result_note="Đã xong", actor=None, on=dt.date(2017, 12, 1)
    )
    decision.refresh_from_db()
    assert decision.state == ActionState.DONE


def test_the_conclusion_notice_carries_its_own_number_and_one_is_required(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    with pytest.raises(ValidationError) as refused:
        services.review_issue_minutes(review=review, number="37", notice_number=" ", actor=personas.secretary)
    assert "notice_number" in refused.value.error_dict
    issued = services.review_issue_minutes(review=review, number="37", notice_number="38", actor=None)
    assert paperwork.notice_document(issued).number_line.startswith("Số: 38/TB-")
