"""Issuing = signing for the yearly self-report (TT 26/2014/TT-BKHCN, Art. 36): the Director types the
PIN of their token (SoftHSM2) on the issue page; the report is signed by the Director, then by the agency's
PKCS#12 key; every download (this page's and the review's) serves the signed file, whose SHA-256 is kept on
the record and frozen by the database. A wrong PIN issues nothing; without keys the report is issued
unsigned and says so."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.reports import services
from eiso.reports.models import SelfReport
from eiso.reviews import services as reviews
from eiso.reviews.models import ManagementReview
from eiso.reviews.tests.helpers import held, with_decisions
from eiso.signatures.services import signed_file_for
from eiso.signatures.tests.conftest import PIN, Kit, common_name, configure_signing, verify_json

NUMBER = "25/BC-STN"
DAY = dt.date(2017, 12, 5)
WRONG_PIN = "sai-4826"


def _issued_minutes(personas: Personas) -> ManagementReview:
    review = with_decisions(personas, held(personas))
    # The chair (the Director) issues the minutes: with a token registered, only the chair may, with its PIN.
    return reviews.review_issue_minutes(
        review=review, number="05/BB-STN", notice_number="06/TB-STN", actor=personas.director, token_pin=PIN
    )


def _issue(client: Any, review: ManagementReview, **extra: str) -> Any:
    data = {"number": NUMBER, "issued_on": "2017-12-05", **extra}
    return client.post(reverse("reports:self_report", args=[review.year]), data)


def test_the_director_issues_the_self_report_signed_with_the_token_then_the_agency(
    kit: Kit, personas: Personas
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.director)
    review = _issued_minutes(personas)
    secretary = client_for(personas.secretary)
    page = secretary.get(reverse("reports:self_report", args=[review.year])).content.decode()
    assert 'name="token_pin"' not in page and "đăng nhập để ban hành" in page

    director = client_for(personas.director)
    page = director.get(reverse("reports:self_report", args=[review.year])).content.decode()
    assert 'type="password" name="token_pin"' in page
    response = _issue(director, review, token_pin=PIN)
    assert response.status_code == 302
    report = SelfReport.objects.get(review=review)
    signed = signed_file_for(review, services.KIND)
    assert signed is not None and report.signed_by == personas.director
    content = bytes(signed.content)
    assert report.sha256 == signed.sha256 == hashlib.sha256(content).hexdigest()

    download = director.get(reverse("reports:self_report_download", args=[review.year, "pdf"]))
    from_review = secretary.get(reverse("reviews:document", args=[review.pk, services.KIND, "pdf"]))
    assert download.content == from_review.content == content
    path = kit.write(f"bao-cao-htqlcl-{review.year}.pdf", content)
    code, reports = verify_json(path, kit.root_pem)
    assert code == 0
    assert kit.pki.person_on_token is not None
    signers = [common_name(kit.pki.person_on_token), common_name(kit.pki.agency)]
    assert [r["signer"] for r in reports] == signers
    assert all(r["intact"] and r["trusted"] and r["covers_whole_document"] for r in reports)
    pdftotext = ["pdftotext", path, "-"]
    text = subprocess.run(pdftotext, capture_output=True, check=True).stdout.decode()  # noqa: S603
    assert "Số: 25/BC-STN" in text and personas.director.full_name in text
    assert "Đã ký số" in director.get(reverse("reports:self_report", args=[review.year])).content.decode()


def test_a_wrong_pin_issues_nothing_and_keeps_the_number_typed(kit: Kit, personas: Personas) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.director)
    review = _issued_minutes(personas)
    response = _issue(client_for(personas.director), review, token_pin=WRONG_PIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã PIN token ký số không đúng" in page and NUMBER in page and WRONG_PIN not in page
    assert not SelfReport.objects.exists() and signed_file_for(review, services.KIND) is None


def test_without_keys_the_self_report_is_issued_unsigned_and_says_so(personas: Personas) -> None:
    review = _issued_minutes(personas)
    client = client_for(personas.secretary)
    assert _issue(client, review).status_code == 302
    report = SelfReport.objects.get(review=review)
    assert report.sha256 is None and report.number == NUMBER
    assert "Chưa ký số" in client.get(reverse("reports:self_report", args=[review.year])).content.decode()
    docx = client.get(reverse("reports:self_report_download", args=[review.year, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert _issue(client, review).status_code == 302  # issued once: the page refuses a second issue
    assert SelfReport.objects.count() == 1


def test_the_self_report_waits_for_the_minutes(personas: Personas) -> None:
    review = with_decisions(personas, held(personas))
    page = client_for(personas.secretary).get(reverse("reports:self_report", args=[review.year]))
    assert "sau khi đã ban hành biên bản" in page.content.decode()
    with pytest.raises(Exception, match="biên bản"):
        services.self_report_issue(review=review, actor=personas.secretary, number=NUMBER, issued_on=DAY)


def test_the_database_refuses_to_change_an_issued_self_report(kit: Kit, personas: Personas) -> None:
    """Needs the migrations' triggers (SQLite and PostgreSQL): run without --no-migrations."""
    configure_signing(kit, personas.agency, personas.secretary)
    review = _issued_minutes(personas)
    report = services.self_report_issue(review=review, actor=personas.secretary, number=NUMBER, issued_on=DAY)
    assert report.sha256 is not None
    for column, value in (("sha256", "0" * 64), ("number", "99/BC-STN"), ("state", "draft")):
        with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
            connection.cursor().execute(
                f"UPDATE reports_selfreport SET {column} = %s WHERE id = %s",  # noqa: S608
                [value, report.pk],
            )
    report.refresh_from_db()
    assert report.sha256 == signed_file_for(review, services.KIND).sha256  # type: ignore[union-attr]
