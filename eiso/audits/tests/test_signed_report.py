"""Issuing = signing for the internal audit report: with the agency's key, approving the report signs its
PDF, first with the lead auditor's token (SoftHSM2, PIN typed on the page), then with the agency's PKCS#12
key; the signed file is what every download serves and its SHA-256 is kept with the audit. A wrong PIN
approves nothing, keeps what was typed and never shows the PIN back. Without keys, the report is approved
unsigned and the page says so."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from eiso.audits import services
from eiso.audits.choices import ReportStatus
from eiso.audits.models import Audit
from eiso.audits.services import REPORT_KIND
from eiso.audits.tests.factories import DAY, make_audit
from eiso.core.models import DomainEvent
from eiso.core.testing import Personas, client_for
from eiso.signatures.models import SignedFile
from eiso.signatures.services import signed_file_for
from eiso.signatures.tests.conftest import PIN, Kit, common_name, configure_signing, verify_json

SUMMARY = "Các phòng áp dụng đúng quy trình; một điểm không phù hợp ở Phòng Chuyên môn 1."
CONCLUSION = "HTQLCL được duy trì và áp dụng có hiệu lực."
WRONG_PIN = "sai-9731"


def _approve(personas: Personas, audit: Audit, **extra: str) -> object:
    client = client_for(personas.auditor)
    data = {"summary": SUMMARY, "conclusion": CONCLUSION, "act": "approve", **extra}
    return client.post(reverse("audits:report_save", args=[audit.pk]), data)


def test_approving_signs_the_report_lead_auditor_then_agency_and_downloads_serve_it(
    kit: Kit, personas: Personas, tmp_path: object
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.auditor)
    audit = make_audit(personas)
    client = client_for(personas.auditor)
    page = client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert 'type="password" name="token_pin"' in page and 'autocomplete="off"' in page

    response = _approve(personas, audit, token_pin=PIN)
    assert response.status_code == 302  # type: ignore[attr-defined]
    audit.refresh_from_db()
    signed = signed_file_for(audit, REPORT_KIND)
    assert audit.report_status == ReportStatus.APPROVED and signed is not None
    content = bytes(signed.content)
    assert audit.report_sha256 == signed.sha256 == hashlib.sha256(content).hexdigest()
    assert signed.levels == "B-LT, B-LT"

    download = client.get(reverse("audits:report_download", args=[audit.pk, "pdf"]))
    assert download.content == content
    docx = client.get(reverse("audits:report_download", args=[audit.pk, "docx"]))
    assert docx.status_code == 302 and docx["Location"].endswith(".pdf")
    path = kit.write(f"bao-cao-danh-gia-{audit.pk}.pdf", download.content)
    code, reports = verify_json(path, kit.root_pem)
    assert code == 0
    assert kit.pki.person_on_token is not None
    signers = [common_name(kit.pki.person_on_token), common_name(kit.pki.agency)]
    assert [r["signer"] for r in reports] == signers
    assert all(r["intact"] and r["trusted"] and r["covers_whole_document"] for r in reports)
    detail = client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert "Đã ký số" in detail and "Báo cáo (DOCX)" not in detail
    if shutil.which("pdftoppm"):  # the signed report as a reader sees it (kept in the kit's directory)
        pages = str(kit.dir / f"bao-cao-danh-gia-{audit.pk}")
        subprocess.run(["pdftoppm", "-r", "60", "-png", path, pages], check=True, timeout=120)  # noqa: S603, S607
        assert list(kit.dir.glob(f"bao-cao-danh-gia-{audit.pk}*.png"))


def test_a_wrong_pin_approves_nothing_keeps_the_text_and_never_shows_the_pin(
    kit: Kit, personas: Personas, caplog: pytest.LogCaptureFixture
) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.auditor)
    audit = make_audit(personas)
    caplog.set_level(logging.DEBUG)
    response = _approve(personas, audit, token_pin=WRONG_PIN)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Mã PIN token ký số không đúng" in page
    assert SUMMARY in page and CONCLUSION in page  # what was typed is kept
    assert WRONG_PIN not in page
    audit.refresh_from_db()
    assert audit.report_status == ReportStatus.DRAFT and audit.report_sha256 is None
    assert not SignedFile.objects.exists()
    assert not DomainEvent.objects.filter(verb="audit.report_approved").exists()
    assert all(WRONG_PIN not in str(e.data) for e in DomainEvent.objects.all())
    assert WRONG_PIN not in caplog.text

    missing = _approve(personas, audit, token_pin="")
    assert "Nhập mã PIN token ký số" in missing.content.decode()  # type: ignore[attr-defined]


def test_in_english_a_wrong_pin_is_explained_in_english(kit: Kit, personas: Personas) -> None:
    configure_signing(kit, personas.agency, personas.secretary, token_for=personas.auditor)
    audit = make_audit(personas)
    client = client_for(personas.auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"summary": SUMMARY, "conclusion": CONCLUSION, "act": "approve", "token_pin": WRONG_PIN}
    response = client.post(reverse("audits:report_save", args=[audit.pk]), data)
    assert response.status_code == 400
    assert "The signing token PIN is wrong" in response.content.decode()


def test_without_keys_the_report_is_approved_unsigned_and_says_so(personas: Personas) -> None:
    audit = make_audit(personas)
    client = client_for(personas.auditor)
    assert 'name="token_pin"' not in client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    assert _approve(personas, audit).status_code == 302  # type: ignore[attr-defined]
    audit.refresh_from_db()
    assert audit.report_status == ReportStatus.APPROVED and audit.report_sha256 is None
    assert "Chưa ký số" in client.get(reverse("audits:detail", args=[audit.pk])).content.decode()
    pdf = client.get(reverse("audits:report_download", args=[audit.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_the_database_refuses_to_change_the_signed_report_or_its_hash(kit: Kit, personas: Personas) -> None:
    """Needs the migrations' triggers (SQLite and PostgreSQL): run without --no-migrations."""
    configure_signing(kit, personas.agency, personas.secretary)
    audit = make_audit(personas)
    services.audit_report_save(audit=audit, actor=personas.auditor, summary=SUMMARY, conclusion=CONCLUSION)
    services.audit_report_approve(audit=audit, actor=personas.auditor, on=DAY)
    signed = signed_file_for(audit, REPORT_KIND)
    assert signed is not None and audit.report_sha256 == signed.sha256
    forged = hashlib.sha256(b"forged").hexdigest()
    statements: list[tuple[str, list[Any]]] = [
        ("UPDATE audits_audit SET report_sha256 = %s WHERE id = %s", [forged, audit.pk]),
        ("UPDATE audits_audit SET report_sha256 = NULL WHERE id = %s", [audit.pk]),
        ("UPDATE signatures_signedfile SET sha256 = %s WHERE id = %s", [forged, signed.pk]),
        ("UPDATE signatures_signedfile SET content = %s WHERE id = %s", [b"%PDF-1.7 forged", signed.pk]),
    ]
    for sql, params in statements:
        with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
            connection.cursor().execute(sql, params)
    with pytest.raises(DatabaseError), transaction.atomic():
        Audit.objects.filter(pk=audit.pk).update(report_sha256=forged)
    audit.refresh_from_db()
    signed.refresh_from_db()
    assert audit.report_sha256 == signed.sha256 == hashlib.sha256(bytes(signed.content)).hexdigest()
