"""Every list page exports its filtered rows as XLSX and CSV: the same rows as the page's filter, Vietnamese
headers whatever the reader's language, real date cells, neutralised formulas; lists sort, count once and
show "1–50 of N"."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from typing import Any

import django_tables2 as tables
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from eiso.audits.tables import EXPORT_COLUMNS as finding_columns
from eiso.audits.tests.factories import make_audit, make_nc_finding
from eiso.core.exports import BOM, Column, headers
from eiso.core.notifications import Reminder, deliver
from eiso.core.spreadsheets import TRIGGERS
from eiso.core.tables import NOTIFICATION_COLUMNS, PER_PAGE, Table
from eiso.core.testing import Personas, client_for
from eiso.documents.choices import DocumentType
from eiso.documents.tables import EXPORT_COLUMNS as document_columns
from eiso.documents.tests.factories import issue, make_document
from eiso.dossiers.tables import EXPORT_COLUMNS as dossier_columns
from eiso.dossiers.tests.factories import make_procedure, received, resolved
from eiso.improvements import services as improvements
from eiso.improvements.tables import CORRECTIVE_ACTION_COLUMNS, NONCONFORMITY_COLUMNS
from eiso.improvements.tests.factories import make_car
from eiso.procedures.tables import EXPORT_COLUMNS as procedure_columns
from eiso.risks import services as risks
from eiso.risks.tables import EXPORT_COLUMNS as risk_columns
from eiso.surveys.services import questionnaire_default_create, survey_response_submit
from eiso.surveys.tables import RESPONSE_COLUMNS, RESULT_COLUMNS
from eiso.surveys.tests.conftest import answers_for

pytestmark = pytest.mark.django_db

DATE = re.compile(r"^\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?$")


@dataclass
class Listing:
    url_name: str
    narrow: dict[str, str]  # a filter a user applies; the export must narrow identically
    date_header: str | None  # a column that must hold real date cells
    columns: list[Column]
    base: dict[str, str] | None = None


def _demo_like(p: Personas) -> dict[str, Any]:
    """A little of everything each list shows, built through the apps' own services and factories, with a
    formula typed into a text field of every kind of record."""
    formula = make_procedure(p.agency, "1.001", name='=HYPERLINK("http://evil.example","x")')
    plain = make_procedure(p.agency, "1.002", field="Xuất bản")
    for i in range(3):
        received(formula, f"2017-03-0{i + 2} 09:00", code=f"=1+{i}", division=p.division)
    done = [resolved(plain, "2017-03-02 09:00", "2017-03-03 10:00", code=f"R-{i}") for i in range(2)]

    for doc_type, title in [
        (DocumentType.SYSTEM_PROCEDURE, "-Kiểm soát tài liệu"),
        (DocumentType.FORM, "Biểu mẫu"),
    ]:
        issue(make_document(p.agency, p.secretary, doc_type=doc_type, title=title), p)
    make_document(p.agency, p.secretary, doc_type=DocumentType.FORM, title="Dự thảo")

    questionnaire = questionnaire_default_create(agency=p.agency)
    today = timezone.localdate()
    for dossier, overall in zip(done, (5, 2), strict=True):
        answers = answers_for(questionnaire, overall, comment="@SUM(A1)")
        survey_response_submit(
            questionnaire=questionnaire, answers=answers, dossier_code=dossier.code, period=today
        )
    answers = answers_for(questionnaire, 4)
    survey_response_submit(
        questionnaire=questionnaire, answers=answers, channel="paper", period=today, entered_by=p.secretary
    )

    make_car(p)
    manual = improvements.nonconformity_raise(
        agency=p.agency,
        actor=p.secretary,
        description="=1+2",
        raised_on=dt.date(2017, 8, 1),
        division=p.office,
    )
    improvements.corrective_action_request(nonconformity=manual, actor=p.secretary, on=dt.date(2017, 8, 2))
    extra = dt.date(2017, 9, 1)
    make_nc_finding(
        p, audit=make_audit(p, title="+Đánh giá bổ sung", starts_on=extra, ends_on=extra), on=extra
    )

    for code, kind, score in [("R1", "risk", (4, 4)), ("R2", "risk", (1, 2)), ("C1", "opportunity", (3, 3))]:
        risks.risk_register(
            agency=p.agency,
            actor=p.secretary,
            code=code,
            kind=kind,
            description=f"+{code} mô tả",
            likelihood=score[0],
            impact=score[1],
            identified_on=dt.date(2017, 2, 1),
            division=p.division,
            review_on=dt.date(2017, 12, 1),
        )

    deliver(
        Reminder(recipient=p.secretary, key=f"{kind}:{i}:due", title=f"=Việc {i}", due_on=dt.date(2017, 9, 1))
        for i, kind in enumerate(["action", "action", "session"])
    )
    return {"plain": plain, "division": p.division}


def _listings(data: dict[str, Any]) -> list[Listing]:
    period = {"date_from": "2000-01-01", "date_to": f"{timezone.localdate():%Y-%m-%d}"}
    return [
        Listing("dossiers:list", {"procedure": "1.002"}, "Tiếp nhận lúc", dossier_columns),
        Listing("procedures:list", {"q": "1.002"}, "Hiệu lực từ", procedure_columns),
        Listing("documents:document_list", {"doc_type": DocumentType.FORM}, "Hiệu lực từ", document_columns),
        Listing("surveys:response_list", {"satisfied": "1"}, "Ngày đánh giá", RESPONSE_COLUMNS, period),
        Listing("surveys:results", {"procedure": str(data["plain"].pk)}, None, RESULT_COLUMNS, period),
        Listing(
            "improvements:nc_list", {"status": "open", "q": "1+2"}, "Ngày ghi nhận", NONCONFORMITY_COLUMNS
        ),
        Listing("improvements:list", {"date_from": "2017-08-01"}, "Ngày yêu cầu", CORRECTIVE_ACTION_COLUMNS),
        Listing("risks:list", {"kind": "risk"}, "Ngày nhận diện", risk_columns),
        Listing("audits:findings", {"date_from": "2017-08-15"}, "Ngày phát hiện", finding_columns),
        Listing("core:notifications", {"kind": "action"}, "Hạn", NOTIFICATION_COLUMNS),
    ]


def _count(page: str) -> int:
    match = re.search(r'data-row-count="(\d+)"', page)
    assert match, "the list shows its row count"
    return int(match.group(1))


def _export_link(page: str, fmt: str) -> str:
    match = re.search(rf'data-export="{fmt}" href="([^"]*)"', page)
    assert match, f"the list offers a {fmt} export"
    return html.unescape(match.group(1))


def _xlsx(client: Client, url: str) -> list[tuple[Any, ...]]:
    response: Any = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet is not None
    date_formats = {
        cell.number_format
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if getattr(cell, "is_date", False)
    }
    assert date_formats <= {"dd/mm/yyyy", "dd/mm/yyyy hh:mm"}
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _csv(client: Client, url: str) -> list[list[str]]:
    response: Any = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def _english(person: Any) -> Client:
    client = client_for(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _assert_export(client: Client, path: str, page: str, listing: Listing) -> list[tuple[Any, ...]]:
    count = _count(page)
    rows = _xlsx(client, path + _export_link(page, "xlsx"))
    header, body = rows[0], rows[1:]
    assert len(body) == count, listing.url_name
    assert all(isinstance(label, str) and label for label in header)
    if listing.date_header:
        column = header.index(listing.date_header)
        assert any(isinstance(row[column], dt.datetime) for row in body), listing.url_name
    for row in body:
        assert not any(isinstance(cell, str) and cell.startswith(TRIGGERS) for cell in row), row
    lines = _csv(client, path + _export_link(page, "csv"))
    assert tuple(lines[0]) == header and len(lines) - 1 == count
    if listing.date_header:
        column = lines[0].index(listing.date_header)
        assert any(DATE.match(line[column]) for line in lines[1:]), listing.url_name
    return rows


def test_every_list_exports_its_filtered_rows_with_vietnamese_headers_and_date_cells(
    personas: Personas,
) -> None:
    data = _demo_like(personas)
    client = _english(personas.secretary)  # the reader's language is English; the exports stay Vietnamese
    cells: set[Any] = set()
    for listing in _listings(data):
        path = reverse(listing.url_name)
        page = client.get(path, listing.base or {})
        assert page.status_code == 200 and page["Content-Language"] == "en"
        full = page.content.decode()
        rows = _assert_export(client, path, full, listing)
        assert len(rows) > 1, f"{listing.url_name} has rows to export"
        assert list(rows[0]) == headers(listing.columns), listing.url_name
        cells.update(cell for row in rows for cell in row)

        narrowed = client.get(path, {**(listing.base or {}), **listing.narrow}).content.decode()
        assert 0 < _count(narrowed) < _count(full), f"{listing.url_name}: {listing.narrow} narrows the list"
        _assert_export(client, path, narrowed, listing)
    assert {"'=1+0", "'=1+2", "'-Kiểm soát tài liệu", "'@SUM(A1)", "'+R1 mô tả", "'=Việc 0"} <= cells
    assert '\'=HYPERLINK("http://evil.example","x")' in cells


def test_the_exports_headers_are_the_declared_vietnamese_labels(personas: Personas) -> None:
    from eiso.risks.tables import EXPORT_COLUMNS

    _demo_like(personas)
    client = _english(personas.division_head)
    rows = _xlsx(client, reverse("risks:list") + "?export=xlsx")
    assert list(rows[0]) == headers(EXPORT_COLUMNS)
    assert rows[0][:4] == ("Mã", "Loại", "Quá trình / lĩnh vực", "Phòng")
    assert rows[1][1] == "Rủi ro"  # choice labels are Vietnamese too


def test_the_export_keeps_the_order_the_user_sorted_by(personas: Personas) -> None:
    _demo_like(personas)
    client = client_for(personas.secretary)
    url = reverse("risks:list")
    page = client.get(url, {"sort": "score"}).content.decode()
    assert 'aria-sort="ascending"' in page
    rows = _xlsx(client, url + _export_link(page, "xlsx"))
    scores = [row[8] for row in rows[1:]]
    assert scores == sorted(scores) and scores[0] == 2


def test_a_list_counts_its_rows_once_and_shows_the_range(personas: Personas) -> None:
    p = make_procedure(personas.agency)
    for i in range(PER_PAGE + 5):
        received(p, "2017-03-02 09:00", code=f"N-{i:02d}")
    client = client_for(personas.viewer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dossiers:list"), {"page": 2})
    counts = [
        q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "dossiers_dossier" in q["sql"]
    ]
    assert len(counts) == 1
    assert "51–55 trên 55" in page.content.decode()


@pytest.mark.parametrize(("language", "expected"), [("vi", "1–50 trên 12.345"), ("en", "1–50 of 12,345")])
def test_the_range_is_written_in_the_readers_language(language: str, expected: str) -> None:
    table = Table([{"n": i} for i in range(12_345)], extra_columns=[("n", tables.Column())])
    table.paginator = Paginator(table.rows, PER_PAGE)
    table.page = table.paginator.get_page(1)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override(language):
        text = render_to_string("core/table.html", {"table": table}, request=request)
    assert expected in text
