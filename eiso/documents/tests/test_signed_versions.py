"""Digital signatures on controlled documents: an uploaded PDF's signatures are checked and shown on the
version and in its history; with the agency's key an issued PDF version is kept signed and served signed."""

from __future__ import annotations

import datetime as dt

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eiso.core.models import DomainEvent
from eiso.core.testing import Personas, client_for
from eiso.documents import services
from eiso.documents.tests.factories import make_document
from eiso.signatures import pdfsign, testing
from eiso.signatures.services import setup_agency_key, signed_file_for, trust_anchor_add


def _pdf() -> bytes:
    return weasyprint.HTML(string="<p>Quy trình kiểm soát tài liệu</p>").write_pdf()


def test_an_altered_signed_pdf_uploaded_as_a_version_is_a_visible_warning(personas: Personas) -> None:
    pki = testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name="UBND tỉnh")
    trust_anchor_add(agency=personas.agency, certificate_pem=pki.root.pem.decode(), actor=personas.secretary)
    key = pdfsign.SigningKey(pdfsign.p12_signer(pki.agency_p12("x"), "x"))
    signed = bytearray(
        pdfsign.sign_pdf(_pdf(), person=None, person_name="", agency=key, agency_name="UBND")[0]
    )
    signed[300] ^= 0x01
    document = make_document(personas.agency, personas.secretary)
    upload = SimpleUploadedFile("quyet-dinh.pdf", bytes(signed), content_type="application/pdf")
    version = services.version_create(document=document, actor=personas.secretary, file=upload)
    assert DomainEvent.objects.filter(target_id=version.pk, verb="signatures.verified.invalid").exists()
    page = client_for(personas.secretary).get(reverse("documents:document_detail", args=[document.pk]))
    assert "alert-danger" in page.content.decode()


def test_with_the_agency_key_an_issued_pdf_version_is_signed_and_served_signed(personas: Personas) -> None:
    pki = testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name=personas.agency.name)
    setup_agency_key(
        agency=personas.agency, p12=pki.agency_p12("pin-2"), pin="pin-2", actor=personas.secretary
    )
    document = make_document(personas.agency, personas.secretary)
    upload = SimpleUploadedFile("quy-trinh.pdf", _pdf(), content_type="application/pdf")
    version = services.version_create(document=document, actor=personas.secretary, file=upload)
    services.version_submit(version=version, actor=personas.secretary)
    services.version_review_pass(version=version, reviewer=personas.division_head)
    services.version_approve(version=version, approved_by=personas.director)
    services.version_issue(version=version, actor=personas.secretary, effective_from=dt.date(2017, 3, 1))
    signed = signed_file_for(version, "version")
    assert signed is not None
    response = client_for(personas.officer).get(reverse("documents:version_file", args=[version.pk]))
    assert response.content == bytes(signed.content)
