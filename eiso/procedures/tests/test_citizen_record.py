"""What a citizen reads about a procedure besides its time limit: how to submit it (cách thức thực hiện),
who submits it (đối tượng thực hiện) and what they receive (kết quả thực hiện); edited on the catalogue
page, imported from a file's columns, shown on the public portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.procedures.models import Procedure
from eiso.procedures.services import procedure_create, procedure_import

pytestmark = pytest.mark.django_db

METHODS = "Trực tiếp tại Bộ phận một cửa; qua bưu chính; trực tuyến."
APPLICANTS = "Tổ chức, cá nhân."
OUTCOME = "Giấy phép bưu chính."


def _procedure(personas: Personas, **fields: object) -> Procedure:
    return procedure_create(
        agency=personas.agency,
        actor=None,
        code="1.004379",
        name="Cấp giấy phép bưu chính",
        field="Bưu chính",
        time_limit_value=Decimal(10),
        valid_from=dt.date(2016, 1, 1),
        published_online_on=dt.date(2016, 3, 1),
        **fields,
    )


def test_the_secretary_fills_the_record_on_the_edit_page(personas: Personas) -> None:
    procedure = _procedure(personas)
    client = client_for(personas.secretary)
    form = client.get(reverse("procedures:edit", args=[procedure.pk])).content.decode()
    assert "Cách thức thực hiện" in form and "Đối tượng thực hiện" in form and "Kết quả thực hiện" in form
    data = {
        "name": procedure.name,
        "field": procedure.field,
        "in_scope": "on",
        "is_active": "on",
        "time_limit_value": "10",
        "time_limit_unit": "working_days",
        "valid_from": "2016-01-01",
        "submission_methods": METHODS,
        "applicants": APPLICANTS,
        "outcome": OUTCOME,
    }
    assert client.post(reverse("procedures:edit", args=[procedure.pk]), data).status_code == 302
    procedure.refresh_from_db()
    assert (procedure.submission_methods, procedure.applicants, procedure.outcome) == (
        METHODS,
        APPLICANTS,
        OUTCOME,
    )
    detail = client_for(personas.viewer).get(reverse("procedures:detail", args=[procedure.pk]))
    assert METHODS in detail.content.decode() and OUTCOME in detail.content.decode()


def test_the_import_reads_the_columns_a_file_has_and_leaves_the_others(
    personas: Personas, tmp_path: Path
) -> None:
    with_record = tmp_path / "with.csv"
    with_record.write_text(
        "Mã TTHC,Tên thủ tục,Thời hạn,Cách thức thực hiện,Đối tượng thực hiện,Kết quả thực hiện\n"
        f'1.004379,Cấp giấy phép bưu chính,10,"{METHODS}","{APPLICANTS}","{OUTCOME}"\n',
        encoding="utf-8",
    )
    report = procedure_import(agency=personas.agency, file=with_record, effective_on=dt.date(2016, 1, 1))
    assert report.ok and report.created == 1
    without = tmp_path / "without.csv"
    without.write_text(
        "code,name,time_limit,outcome\n1.004379,Cấp giấy phép bưu chính,10,\n", encoding="utf-8"
    )
    procedure_import(agency=personas.agency, file=without, effective_on=dt.date(2016, 1, 1))
    procedure = Procedure.objects.get(agency=personas.agency, code="1.004379")
    # the columns the second file lacks keep their values; its empty "outcome" cell clears that one
    assert (procedure.submission_methods, procedure.applicants, procedure.outcome) == (
        METHODS,
        APPLICANTS,
        "",
    )


def test_the_portal_shows_the_record_or_says_it_is_not_published(personas: Personas) -> None:
    procedure = _procedure(personas, submission_methods=METHODS, applicants=APPLICANTS)
    url = reverse("portal:procedure_detail", kwargs={"agency_code": personas.agency.code, "pk": procedure.pk})
    page = Client().get(url).content.decode()
    for label in ("Cách thức thực hiện", "Đối tượng thực hiện", "Kết quả thực hiện"):
        assert label in page
    assert METHODS in page and APPLICANTS in page
    assert 'data-testid="outcome">Chưa công bố.' in page
