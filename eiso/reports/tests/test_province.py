import datetime as dt
from io import BytesIO
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from eiso.core.models import QmsProfile
from eiso.core.testing import Personas, client_for
from eiso.reports.selectors import province_overview
from eiso.reviews import services
from eiso.reviews.choices import ChangeKind
from eiso.reviews.tests.helpers import held


def test_the_supervisor_sees_every_agency_of_the_province_with_its_qms_status(personas: Personas) -> None:
    QmsProfile.objects.create(agency=personas.agency, announced_on=dt.date(2016, 6, 20))
    held(personas, 2017)
    services.qms_change_record(
        agency=personas.agency,
        kind=ChangeKind.LAW,
        title="Luật mới",
        effective_on=dt.date(2017, 1, 1),
        actor=None,
    )
    rows = {
        a.pk: a for a in province_overview(person=personas.supervisor, year=2017, as_of=dt.date(2017, 12, 31))
    }
    assert personas.agency.pk in rows and personas.other_agency.pk not in rows
    assert personas.supervisor.agency_id not in rows
    row: Any = rows[personas.agency.pk]
    assert row.last_review_on == dt.date(2017, 8, 7)
    assert row.stale_changes == 1
    assert row.cars_open == 0 and row.cars_overdue == 0

    response = client_for(personas.supervisor).get(reverse("reports:province"), {"year": 2017})
    assert response.status_code == 200
    assert personas.agency.name in response.content.decode()
    assert "07/08/2017" in response.content.decode()


def test_the_yearly_provincial_summary_exports_as_xlsx(personas: Personas) -> None:
    held(personas, 2017)
    client = client_for(personas.supervisor)
    started = client.post(reverse("reports:province_export"), {"year": 2017})
    job_url = started["Location"]
    assert started.status_code == 302 and "/viec-nen/" in job_url  # a background job, not the request
    progress = client.get(job_url).content.decode()
    assert 'data-status="done"' in progress and "2017" in progress
    job_id = int(job_url.rstrip("/").rsplit("/", 1)[-1])
    response = client.get(reverse("jobs:output", args=[job_id]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert client_for(personas.director).get(reverse("jobs:output", args=[job_id])).status_code == 404
    sheet = load_workbook(BytesIO(b"".join(response))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert "2017" in str(rows[0][0])
    assert rows[1][1] == "Cơ quan"
    ours = [row for row in rows[2:] if row[1] == personas.agency.name]
    assert len(ours) == 1 and ours[0][5] == "07/08/2017"


def test_only_a_supervisor_sees_the_province_overview(personas: Personas) -> None:
    for person in (personas.director, personas.secretary, personas.outsider):
        assert client_for(person).get(reverse("reports:province")).status_code == 403
        assert client_for(person).post(reverse("reports:province_export")).status_code == 403
