"""Formula neutralisation in exports, the `next` redirect, the portal's agency choice, safe downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from eiso.core.downloads import content_disposition, file_response
from eiso.core.redirects import safe_next_url
from eiso.core.spreadsheets import TRIGGERS, neutralise, neutralise_sql
from eiso.core.testing import Personas, client_for


@given(st.text())
def test_a_neutralised_cell_never_starts_with_a_formula_trigger(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(TRIGGERS)
    assert cell in (text, "'" + text)


def test_numbers_and_dates_are_left_alone() -> None:
    assert neutralise(-5) == -5 and neutralise(-1.5) == -1.5
    assert neutralise(dt.date(2017, 3, 2)) == dt.date(2017, 3, 2) and neutralise(None) is None


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["=1+2", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "NORMAL", "", "'=x"])
def test_the_sql_helper_applies_the_same_rule_in_the_database(text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {neutralise_sql('v')} FROM (SELECT %s AS v) t", [text])  # noqa: S608
        assert cursor.fetchone()[0] == neutralise(text)


@pytest.mark.django_db
def test_the_dossier_export_neutralises_a_formula_code(personas: Personas) -> None:
    from eiso.dossiers.exports import export_rows
    from eiso.dossiers.tests.factories import make_procedure, received

    received(make_procedure(personas.agency), "2017-03-02 08:00", code="=1+2")
    rows = list(export_rows(agency=personas.agency, as_of=dt.date(2017, 4, 1)))
    assert rows[0]["code"] == "'=1+2"
    assert rows[0]["supplement_count"] == 0


@pytest.mark.django_db
def test_the_province_xlsx_neutralises_a_formula_agency_name(personas: Personas) -> None:
    from openpyxl import load_workbook

    from eiso.core.models import Agency
    from eiso.reports.exports import province_summary_xlsx
    from eiso.reports.selectors import province_overview

    Agency.objects.filter(pk=personas.agency.pk).update(name='=HYPERLINK("http://evil.example","x")')
    agencies = province_overview(person=personas.supervisor, year=2017, as_of=dt.date(2017, 12, 31))
    content = province_summary_xlsx(agencies, year=2017, province="Khánh Hòa")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(isinstance(n, str) and n.startswith("=") for n in names)


def _request(next_url: str) -> HttpRequest:
    return RequestFactory().post("/x/", {"next": next_url}, HTTP_HOST="testserver")


@pytest.mark.parametrize(
    "target",
    ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "\\\\evil"],
)
def test_next_never_leaves_the_site(target: str) -> None:
    assert safe_next_url(_request(target), "/home/") == "/home/"


def test_next_inside_the_site_is_followed() -> None:
    assert safe_next_url(_request("/xem-xet-lanh-dao/1/"), "/home/") == "/xem-xet-lanh-dao/1/"


@pytest.mark.django_db
def test_the_review_decision_update_does_not_redirect_off_site(personas: Personas) -> None:
    from django.urls import reverse

    from eiso.reviews.models import ReviewDecision
    from eiso.reviews.tests.isolation import url_kwargs

    kwargs = url_kwargs(personas.agency)["reviews:decision_update"]
    decision = ReviewDecision.objects.get(pk=kwargs["pk"])
    client = client_for(personas.director)
    response = client.post(
        reverse("reviews:decision_update", kwargs=kwargs),
        {"next": "/\\evil.example/", "state": decision.state, "result_note": "x"},
    )
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["a/b", "../x", "%2F"])
def test_the_public_procedure_list_answers_404_to_an_impossible_agency_code(code: str) -> None:
    from django.test import Client

    assert Client().get("/cong-khai/thu-tuc/", {"co-quan": code}).status_code in (302, 404)


def test_a_filename_cannot_inject_header_parameters() -> None:
    header = content_disposition('QT-01"; filename="evil.html\r\nX: y.pdf')
    assert header.count('filename="') == 1 and "\r" not in header and "\n" not in header
    fallback = header.split('filename="')[1].split('"')[0]
    assert all(c.isalnum() or c in "._-" for c in fallback)
    assert "filename*=UTF-8''QT-01%22%3B%20filename%3D%22evil.html%0D%0AX%3A%20y.pdf" in header


def test_a_served_file_gets_its_sniffed_type_and_nosniff() -> None:
    html = file_response(io.BytesIO(b"<html><script>x</script>"), filename="page.pdf")
    assert html["Content-Type"] == "application/octet-stream"
    assert html["X-Content-Type-Options"] == "nosniff" and html["Content-Disposition"].startswith(
        "attachment"
    )
    pdf = file_response(io.BytesIO(b"%PDF-1.4\n"), filename="Quy trình.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''Quy%20tr%C3%ACnh.pdf" in pdf["Content-Disposition"]


@pytest.mark.django_db
def test_an_unknown_format_in_a_download_url_is_a_404(personas: Personas) -> None:
    from django.urls import reverse

    from eiso.documents.tests.isolation import url_kwargs

    kwargs = url_kwargs(personas.agency)["documents:cover"]
    client = client_for(personas.secretary)
    assert client.get(reverse("documents:cover", kwargs={**kwargs, "fmt": "html"})).status_code == 404
