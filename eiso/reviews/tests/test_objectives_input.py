"""The objectives input of a review is the objectives module's measurement snapshot: collecting the inputs
freezes one MeasurementSnapshot per indicator as of the data date, with the same figures the review shows."""

import datetime as dt
from decimal import Decimal

from eiso.core.testing import Personas
from eiso.objectives.models import MeasurementSnapshot
from eiso.objectives.services import manual_value_record
from eiso.objectives.tests.factories import make_indicator
from eiso.reviews import services
from eiso.reviews.sections import section_text
from eiso.reviews.tests.helpers import planned

AS_OF = dt.date(2017, 8, 1)


def _trained_staff(personas: Personas) -> None:
    """A manual indicator (≥ 80% of staff trained) with 21 of 24 trained in the first half-year."""
    indicator = make_indicator(personas.agency, "manual", "80")
    manual_value_record(
        indicator=indicator,
        period_start=dt.date(2017, 1, 1),
        period_end=dt.date(2017, 6, 30),
        actor=None,
        numerator=21,
        denominator=24,
        evidence_text="Danh sách lớp tập huấn",
        post=True,
    )


def test_collecting_the_inputs_freezes_each_indicator_as_a_measurement_snapshot(personas: Personas) -> None:
    _trained_staff(personas)
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=AS_OF, actor=personas.secretary)
    data = review.inputs.get(key="objectives").data
    assert (data["met"], data["total"]) == (1, 1)
    item = data["items"][0]
    assert (item["value"], item["display"], item["status"]) == (87.5, "21/24", "met")
    snapshot = MeasurementSnapshot.objects.get(indicator_id=item["indicator_id"], as_of=AS_OF)
    assert (snapshot.value, snapshot.status, snapshot.data["display"]) == (Decimal("87.50"), "met", "21/24")
    lines = section_text("objectives", data)
    assert lines[0] == "Đạt 1/1 chỉ tiêu." and "87,5% (21/24), đánh giá: đạt." in lines[1]


def test_collecting_again_refreshes_the_snapshot_instead_of_adding_one(personas: Personas) -> None:
    _trained_staff(personas)
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=AS_OF, actor=None)
    services.review_collect_inputs(review=review, as_of=AS_OF, actor=None)
    assert MeasurementSnapshot.objects.filter(as_of=AS_OF).count() == 1


def test_without_objectives_for_the_year_the_input_says_so_and_freezes_nothing(personas: Personas) -> None:
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=AS_OF, actor=None)
    data = review.inputs.get(key="objectives").data
    assert (data["items"], data["total"]) == ([], 0)
    assert section_text("objectives", data) == ["Chưa ban hành mục tiêu chất lượng cho năm."]
    assert not MeasurementSnapshot.objects.exists()
