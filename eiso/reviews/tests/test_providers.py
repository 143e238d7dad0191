"""The register of external providers (ISO 9001 8.4), kept by the ISO secretary and read by everyone; its
evaluations feed the management review input 9.3.2 c7, whose records the review page links to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reviews import services
from eiso.reviews.choices import ProviderKind, ProviderResult
from eiso.reviews.models import ExternalProvider, ProviderEvaluation
from eiso.reviews.tests.helpers import planned
from eiso.risks import services as risks

pytestmark = pytest.mark.django_db


def test_the_secretary_registers_a_provider_and_records_its_evaluation_through_the_page(
    personas: Personas,
) -> None:
    client = client_for(personas.secretary)
    client.post(
        reverse("reviews:provider_add"),
        {
            "name": "Bưu điện tỉnh",
            "kind": ProviderKind.POSTAL,
            "service": "Chuyển phát hồ sơ, kết quả TTHC",
            "since": "2016-10-01",
        },
    )
    provider = ExternalProvider.objects.get(agency=personas.agency)
    evaluation = {
        "provider": provider.pk,
        "evaluated_on": "2017-07-05",
        "period_from": "2017-01-01",
        "period_to": "2017-06-30",
        "criterion": "Chuyển phát đúng hẹn",
        "met": 37,
        "total": 38,
        "result": ProviderResult.PARTLY,
    }
    refused = client.post(reverse("reviews:provider_evaluate"), evaluation)
    assert refused.status_code == 400 and "Nêu điểm chưa đạt của nhà cung cấp." in refused.content.decode()
    client.post(reverse("reviews:provider_evaluate"), {**evaluation, "note": "Một bưu gửi chậm một ngày"})
    assert ProviderEvaluation.objects.get(provider=provider).met == 37
    page = client_for(personas.viewer).get(reverse("reviews:providers")).content.decode()
    assert "Bưu điện tỉnh" in page and "37/38" in page and "Một bưu gửi chậm một ngày" in page
    assert reverse("reviews:provider_add") not in page  # a reader is offered no form


def test_an_evaluation_states_its_count_consistently(personas: Personas) -> None:
    provider = services.provider_register(
        agency=personas.agency,
        name="Công ty phần mềm",
        kind=ProviderKind.SOFTWARE,
        service="Phần mềm một cửa",
        since=dt.date(2017, 1, 1),
        actor=personas.secretary,
    )
    with pytest.raises(ValidationError, match="số lượt đạt"):
        services.provider_evaluate(
            provider=provider,
            evaluated_on=dt.date(2017, 7, 5),
            period_from=dt.date(2017, 1, 1),
            period_to=dt.date(2017, 6, 30),
            criterion="Khắc phục sự cố trong 4 giờ",
            met=7,
            total=6,
            result=ProviderResult.MEETS,
            actor=personas.secretary,
        )


def test_the_review_page_links_to_each_record_a_figure_counts(personas: Personas) -> None:
    risk = risks.risk_register(
        agency=personas.agency,
        actor=personas.secretary,
        code="R1",
        kind="risk",
        description="Hồ sơ chuyển chậm",
        likelihood=3,
        impact=4,
        identified_on=dt.date(2017, 2, 1),
    )
    review = planned(personas)
    services.review_collect_inputs(review=review, as_of=dt.date(2017, 8, 1), actor=personas.secretary)
    url = reverse("reviews:detail", kwargs={"pk": review.pk})
    html = client_for(personas.viewer).get(url).content.decode()
    assert reverse("risks:detail", kwargs={"pk": risk.pk}) in html
    assert reverse("reviews:providers") in html
