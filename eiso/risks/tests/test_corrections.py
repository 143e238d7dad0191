"""Correcting a risk while it is followed, cancelling it with a reason, and the buttons each person sees."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eiso.core.testing import Personas, client_for
from eiso.risks import services
from eiso.risks.choices import RiskStatus
from eiso.risks.selectors import risk_summary
from eiso.risks.tests.factories import DAY, make_risk

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "R1",
        "kind": "risk",
        "description": "Hồ sơ trễ hạn do thiếu cán bộ một cửa",
        "likelihood": 3,
        "impact": 3,
        "identified_on": DAY.isoformat(),
    }
    data.update(changes)
    return data


def test_a_division_head_corrects_a_risk_and_the_score_follows(personas: Personas) -> None:
    risk = make_risk(personas, description="Hồ sơ trễ hạn do thiếu cán bộ")
    response = client_for(personas.division_head).post(reverse("risks:edit", args=[risk.pk]), _form())
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.description, risk.score) == ("Hồ sơ trễ hạn do thiếu cán bộ một cửa", 9)
    assert risk.history.count() == 2


def test_a_review_date_before_identification_is_refused_and_the_form_keeps_the_text(
    personas: Personas,
) -> None:
    risk = make_risk(personas, description="Hồ sơ trễ hạn do thiếu cán bộ")
    response = client_for(personas.secretary).post(
        reverse("risks:edit", args=[risk.pk]), _form(review_on="2017-02-01", description="Văn bản mới")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không được trước ngày nhận diện" in page and "Văn bản mới" in page


def test_a_code_used_by_another_risk_is_refused(personas: Personas) -> None:
    risk = make_risk(personas, description="Hồ sơ trễ hạn do thiếu cán bộ")
    make_risk(personas, "R2", 1, 1, description="x")
    with pytest.raises(ValidationError, match="R2"):
        services.risk_update(
            risk=risk,
            actor=personas.secretary,
            code="R2",
            kind="risk",
            description="x",
            likelihood=1,
            impact=1,
            identified_on=DAY,
        )


def test_a_cancelled_risk_stays_in_the_register_out_of_the_open_count_and_cannot_be_edited(
    personas: Personas,
) -> None:
    risk = make_risk(personas, description="Hồ sơ trễ hạn do thiếu cán bộ")
    client = client_for(personas.secretary)
    client.post(reverse("risks:cancel", args=[risk.pk]), {"reason": "Nhập trùng"})
    risk.refresh_from_db()
    assert (risk.status, risk.cancel_reason) == (RiskStatus.CANCELLED, "Nhập trùng")
    assert risk_summary(agency=personas.agency, as_of=timezone.localdate())["risks"] == 0
    assert risk_summary(agency=personas.agency, as_of=DAY)["risks"] == 1  # cancelled today: open that day
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert "Nhập trùng" in page and reverse("risks:edit", args=[risk.pk]) not in page
    assert client.get(reverse("risks:edit", args=[risk.pk])).status_code == 302


def test_an_officer_sees_no_edit_button_and_is_refused(personas: Personas) -> None:
    risk = make_risk(personas, description="Hồ sơ trễ hạn do thiếu cán bộ")
    client = client_for(personas.officer)
    page = client.get(reverse("risks:detail", args=[risk.pk])).content.decode()
    assert reverse("risks:edit", args=[risk.pk]) not in page
    assert client.post(reverse("risks:edit", args=[risk.pk]), _form()).status_code == 403


def test_only_those_who_may_change_the_scale_see_its_button(personas: Personas) -> None:
    url = reverse("risks:list")
    scale = reverse("risks:scale")
    assert scale in client_for(personas.secretary).get(url).content.decode()
    assert scale not in client_for(personas.division_head).get(url).content.decode()
