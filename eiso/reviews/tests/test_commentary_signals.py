"""Issue 12 §6: commentary that sits beside figures signalling a problem (overdue, not met, open past
deadline) is flagged on the review page, and the inputs are frozen only once the secretary acknowledges the
signals (the acknowledgement is kept in the `review.held` event)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.core.models import DomainEvent
from eiso.core.testing import Personas, client_for
from eiso.reviews import services
from eiso.reviews.choices import DecisionKind, ReviewState
from eiso.reviews.models import ManagementReview
from eiso.reviews.tests.helpers import planned

pytestmark = pytest.mark.django_db

SIGNAL = "1 kết luận kỳ trước quá hạn chưa hoàn thành"


def _with_overdue_action(personas: Personas) -> ManagementReview:
    """This year's review, its inputs collected on 01/08/2017, with last year's training still open although
    due on 30/06/2017, and a commentary saying all was done."""
    previous = ManagementReview.objects.create(
        agency=personas.agency,
        year=2016,
        planned_on=dt.date(2016, 8, 15),
        chair=personas.director,
        secretary=personas.secretary,
        state=ReviewState.HELD,
    )
    services.decision_add(
        review=previous,
        kind=DecisionKind.RESOURCE_NEED,
        text="Đào tạo bổ sung chuyên gia đánh giá nội bộ",
        deadline=dt.date(2017, 6, 30),
        actor=personas.secretary,
    )
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=personas.secretary)
    services.input_comment(
        review_input=review.inputs.get(key="previous_actions"),
        commentary="Các kết luận của cuộc họp năm 2016 đã được thực hiện đầy đủ.",
        actor=personas.secretary,
    )
    return review


def _hold(personas: Personas, review: ManagementReview, *, acknowledged: bool) -> ManagementReview:
    return services.review_hold(
        review=review,
        held_on=dt.date(2017, 8, 7),
        present=[personas.director, personas.secretary],
        acknowledged=acknowledged,
        actor=personas.secretary,
    )


def test_the_page_shows_the_signal_next_to_the_commentary_before_the_freeze(personas: Personas) -> None:
    review = _with_overdue_action(personas)
    page = client_for(personas.secretary).get(reverse("reviews:detail", kwargs={"pk": review.pk})).content
    html = page.decode()
    signal_at = html.index('data-testid="signals-previous_actions"')
    assert SIGNAL in html[signal_at : signal_at + 400]
    assert html.index('id="c-previous_actions"') > signal_at  # beside the commentary box, above it
    assert 'data-testid="hold-warnings"' in html and 'name="acknowledged"' in html


def test_the_inputs_are_frozen_only_once_the_signals_are_acknowledged(personas: Personas) -> None:
    review = _with_overdue_action(personas)
    with pytest.raises(ValidationError) as refused:
        _hold(personas, review, acknowledged=False)
    assert "Kết quả thực hiện từ cuộc họp xem xét lần trước" in str(refused.value)
    review.refresh_from_db()
    assert review.state == ReviewState.INPUTS_COLLECTED

    _hold(personas, review, acknowledged=True)
    review.refresh_from_db()
    assert review.state == ReviewState.HELD
    event = DomainEvent.objects.get(verb="review.held", target_id=review.pk)
    assert event.data["acknowledged_signals"] == {"previous_actions": [SIGNAL]}


def test_the_hold_form_refused_keeps_what_was_typed_and_says_why(personas: Personas) -> None:
    review = _with_overdue_action(personas)
    client = client_for(personas.secretary)
    url = reverse("reviews:hold", kwargs={"pk": review.pk})
    form = {"held_on": "2017-08-07", "present": [personas.director.pk], "discussion": "Thống nhất."}
    refused = client.post(url, form)
    assert refused.status_code == 400 and "Đối chiếu nhận xét với số liệu" in refused.content.decode()
    review.refresh_from_db()
    assert review.state == ReviewState.INPUTS_COLLECTED
    client.post(url, {**form, "acknowledged": "on"})
    review.refresh_from_db()
    assert review.state == ReviewState.HELD


def test_without_commentary_beside_a_signal_nothing_needs_acknowledging(personas: Personas) -> None:
    review = _with_overdue_action(personas)
    services.input_comment(
        review_input=review.inputs.get(key="previous_actions"), commentary="", actor=personas.secretary
    )
    _hold(personas, review, acknowledged=False)
    review.refresh_from_db()
    assert review.state == ReviewState.HELD
