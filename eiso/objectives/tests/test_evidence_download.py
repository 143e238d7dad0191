"""Evidence files of manual values are served through an access-checked view with safe headers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.objectives.models import ManualValue
from eiso.objectives.services import indicator_create, objective_create, objective_set_create


def evidence_value(personas: Personas) -> ManualValue:
    objective_set = objective_set_create(agency=personas.agency, year=2031, actor=None)
    objective = objective_create(objective_set=objective_set, text="Hài lòng", actor=None)
    indicator = indicator_create(
        objective=objective, name="Tỷ lệ", target_value=Decimal(1), source="manual", actor=None
    )
    value = ManualValue.objects.create(
        indicator=indicator,
        period_start=dt.date(2031, 1, 1),
        period_end=dt.date(2031, 3, 31),
        value=Decimal(1),
    )
    value.evidence_file.save("bien-ban=1+2.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n"))
    return value


def test_the_agency_downloads_its_evidence_with_safe_headers(personas: Personas) -> None:
    value = evidence_value(personas)
    response = client_for(personas.viewer).get(reverse("objectives:evidence_file", args=[value.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    page = client_for(personas.viewer).get(reverse("objectives:indicator", args=[value.indicator.pk]))
    assert reverse("objectives:evidence_file", args=[value.pk]) in page.content.decode()


def test_another_agency_gets_404(personas: Personas) -> None:
    value = evidence_value(personas)
    response = client_for(personas.outsider).get(reverse("objectives:evidence_file", args=[value.pk]))
    assert response.status_code == 404
