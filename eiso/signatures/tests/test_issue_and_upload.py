"""Issuing = signing (the signed file kept, its hash, the database refusing a change), verification of
uploads recorded on the record and in its history, and the agency PIN kept encrypted."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import weasyprint
from django.db import DatabaseError, transaction
from pyhanko.sign.general import SigningError

from eiso.core.layout import Paragraph, Signature, StateDocument, render_pdf
from eiso.core.models import DomainEvent
from eiso.core.testing import Personas
from eiso.signatures import pdfsign, services, testing
from eiso.signatures.choices import VerificationStatus
from eiso.signatures.models import SignedFile, SigningSetup, Verification
from eiso.signatures.secrets import open_pin
from eiso.signatures.tests.conftest import P12_PIN, Kit, common_name


def sample(personas: Personas) -> bytes:
    doc = StateDocument(
        agency=personas.agency,
        type_code="TB",
        number="05",
        doc_type_name="THÔNG BÁO",
        summary="Kết luận của Giám đốc",
        issued_on=dt.date(2017, 8, 10),
        blocks=[Paragraph("Nội dung thông báo.")],
        signatures=[Signature(position="GIÁM ĐỐC", name=personas.director.full_name)],
    )
    return render_pdf(doc)


def configure(kit: Kit, personas: Personas) -> SigningSetup:
    services.trust_anchor_add(
        agency=personas.agency, certificate_pem=kit.pki.root.pem.decode(), actor=personas.secretary
    )
    return services.setup_agency_key(
        agency=personas.agency, p12=kit.pki.agency_p12(P12_PIN), pin=P12_PIN, actor=personas.secretary
    )


def test_the_agency_pin_is_stored_encrypted_and_opens_again(kit: Kit, personas: Personas) -> None:
    setup = configure(kit, personas)
    setup.refresh_from_db()
    assert P12_PIN.encode() not in bytes(setup.p12_pin_encrypted)
    assert open_pin(bytes(setup.p12_pin_encrypted)) == P12_PIN
    assert "eISO Test Issuing CA" in setup.certificate_issuer


def test_a_wrong_pin_is_refused_without_echoing_it(kit: Kit, personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        services.setup_agency_key(
            agency=personas.agency, p12=kit.pki.agency_p12(P12_PIN), pin="sai-ma-pin", actor=None
        )
    assert "sai-ma-pin" not in str(info.value)


def test_without_a_key_issuing_stays_unsigned(personas: Personas) -> None:
    result = services.signed_issue_pdf(
        agency=personas.agency,
        target=personas.agency,
        kind="notice",
        file_name="tb.pdf",
        pdf=sample(personas),
        signer=personas.director,
        signer_name=personas.director.full_name,
        actor=personas.secretary,
    )
    assert result is None and not SignedFile.objects.exists()


def test_issuing_keeps_the_signed_file_its_hash_and_the_database_refuses_to_change_it(
    kit: Kit, personas: Personas
) -> None:
    configure(kit, personas)
    signed = services.signed_issue_pdf(
        agency=personas.agency,
        target=personas.agency,
        kind="notice",
        file_name="tb.pdf",
        pdf=sample(personas),
        signer=personas.director,
        signer_name=personas.director.full_name,
        actor=personas.secretary,
    )
    assert signed is not None
    content = bytes(signed.content)
    assert signed.sha256 == hashlib.sha256(content).hexdigest()
    assert signed.levels == "B-LT"
    assert services.signed_file_for(personas.agency, "notice") == signed
    assert DomainEvent.objects.filter(verb="signatures.signed", target_id=personas.agency.pk).exists()
    reports = services.verify_bytes(personas.agency, content)
    assert [r["signer"] for r in reports] == [common_name(kit.pki.agency)]
    assert services.all_valid(reports)
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedFile.objects.filter(pk=signed.pk).update(content=b"%PDF-1.7 forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        SignedFile.objects.filter(pk=signed.pk).update(sha256="0" * 64)
    signed.refresh_from_db()
    assert bytes(signed.content) == content


def test_an_upload_is_verified_and_the_result_kept_with_the_record_and_its_history(
    kit: Kit, personas: Personas
) -> None:
    configure(kit, personas)
    signed = pdfsign.sign_pdf(
        sample(personas),
        person=None,
        person_name=personas.director.full_name,
        agency=pdfsign.SigningKey(pdfsign.p12_signer(kit.pki.stranger_p12("x"), "x")),
        agency_name="Kẻ Giả Mạo",
    )[0]
    result = services.verify_upload(
        agency=personas.agency,
        data=signed,
        file_name="qd.pdf",
        actor=personas.officer,
        target=personas.office,
    )
    assert result is not None and result.status == VerificationStatus.INVALID and result.is_warning
    assert result.signatures[0]["trusted"] is False
    event = DomainEvent.objects.get(target_id=personas.office.pk, verb="signatures.verified.invalid")
    assert event.data["file"] == "qd.pdf"
    unsigned = services.verify_upload(
        agency=personas.agency, data=sample(personas), file_name="cv.pdf", actor=None, target=personas.office
    )
    assert unsigned is not None and unsigned.status == VerificationStatus.UNSIGNED
    docx = services.verify_upload(agency=personas.agency, data=b"PK\x03\x04", file_name="a.docx", actor=None)
    assert docx is None
    assert Verification.objects.count() == 2


def test_a_revoked_certificate_is_reported_revoked(kit: Kit, personas: Personas) -> None:
    configure(kit, personas)
    signed = pdfsign.sign_pdf(
        sample(personas),
        person=pdfsign.SigningKey(pdfsign.p12_signer(kit.pki.revoked_p12("x"), "x")),
        person_name=personas.director.full_name,
        agency=None,
        agency_name="",
    )[0]
    reports = services.verify_bytes(personas.agency, signed)
    assert reports[0]["revoked"] is True and reports[0]["trusted"] is False and reports[0]["intact"] is True
    assert not services.all_valid(reports)


def test_signing_with_a_revoked_key_for_issuing_is_refused(kit: Kit) -> None:
    key = pdfsign.SigningKey(pdfsign.p12_signer(kit.pki.revoked_p12("x"), "x"))
    context = pdfsign.validation_context([kit.root], for_signing=True)
    pdf = weasyprint.HTML(string="<p>x</p>").write_pdf()
    with pytest.raises(SigningError, match="revoked"):
        pdfsign.sign_pdf(pdf, person=key, person_name="x", agency=None, agency_name="", context=context)


def test_with_a_timestamp_server_and_no_revocation_data_the_signature_is_b_t(
    kit: Kit, personas: Personas
) -> None:
    configure(kit, personas)
    signed, levels = pdfsign.sign_pdf(
        sample(personas),
        person=None,
        person_name=personas.director.full_name,
        agency=pdfsign.SigningKey(pdfsign.p12_signer(kit.pki.agency_p12("x"), "x")),
        agency_name=personas.agency.name,
        timestamper=testing.dummy_timestamper(kit.pki),  # type: ignore[arg-type]
    )
    assert levels == ["B-T"]
    report = services.verify_bytes(personas.agency, signed)[0]
    assert report["timestamped"] and report["level"] == "B-T" and report["intact"] and report["trusted"]
