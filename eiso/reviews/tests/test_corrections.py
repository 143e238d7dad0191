"""The review meeting details are corrected until the inputs are frozen at the meeting."""

import datetime as dt

import pytest
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reviews.tests.helpers import held, planned

pytestmark = pytest.mark.django_db


def _details(p: Personas, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "planned_on": "2017-08-15",
        "place": "Hội trường tầng 3",
        "chair": p.deputy.pk,
        "secretary": p.secretary.pk,
    }
    data.update(changes)
    return data


def test_the_secretary_moves_the_planned_meeting(personas: Personas) -> None:
    review = planned(personas)
    response = client_for(personas.secretary).post(
        reverse("reviews:details", args=[review.pk]), _details(personas)
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.planned_on, review.place, review.chair) == (
        dt.date(2017, 8, 15),
        "Hội trường tầng 3",
        personas.deputy,
    )


def test_a_date_in_another_year_is_refused_and_the_place_typed_is_kept(personas: Personas) -> None:
    review = planned(personas)
    response = client_for(personas.secretary).post(
        reverse("reviews:details", args=[review.pk]), _details(personas, planned_on="2018-01-10")
    )
    assert response.status_code == 400
    assert "Hội trường tầng 3" in response.content.decode()


def test_after_the_meeting_the_details_are_frozen_and_not_offered(personas: Personas) -> None:
    review = held(personas)
    client = client_for(personas.secretary)
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Sửa thông tin cuộc họp" not in page
    response = client.post(reverse("reviews:details", args=[review.pk]), _details(personas))
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.place == "Phòng họp Sở"
