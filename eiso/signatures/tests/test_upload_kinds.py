"""Signing keys (PKCS#12) and certificates are uploads like any other: sniffed, bounded, extension-checked."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from eiso.core.uploads import SIGNING_KEY, TRUSTED_CERTIFICATE, upload_validate
from eiso.signatures.testing import _name, make, p12_bytes


def test_signing_keys_and_certificates_go_through_the_one_validator() -> None:
    root = make(_name("Root"), ca=True)
    agency = make(_name("Sở Thông tin và Truyền thông"), issuer=root)
    p12 = p12_bytes(agency, [root], "1234", "agency")
    pem, der = agency.cert.public_bytes(Encoding.PEM), agency.cert.public_bytes(Encoding.DER)

    assert upload_validate(SimpleUploadedFile("coquan.pfx", p12), purpose_name=SIGNING_KEY).kind == "p12"
    assert upload_validate(SimpleUploadedFile("goc.pem", pem), purpose_name=TRUSTED_CERTIFICATE).kind == (
        "certificate"
    )
    assert upload_validate(SimpleUploadedFile("goc.cer", der), purpose_name=TRUSTED_CERTIFICATE).kind == (
        "certificate"
    )
    refused = [
        (SimpleUploadedFile("coquan.p12", b"%PDF-1.7\n"), SIGNING_KEY),  # a PDF named .p12
        (SimpleUploadedFile("coquan.p12", pem), SIGNING_KEY),  # a certificate is not a key store
        (SimpleUploadedFile("goc.cer", p12), TRUSTED_CERTIFICATE),
        (SimpleUploadedFile("goc.pem", b"<script>alert(1)</script>"), TRUSTED_CERTIFICATE),
        (SimpleUploadedFile("goc.cer", b"\x30\x82" + b"\x00" * 300), TRUSTED_CERTIFICATE),  # not a cert
        (SimpleUploadedFile("coquan.p12", b"\x30\x82" + b"\x00" * 300_000), SIGNING_KEY),  # too large
    ]
    for upload, purpose_name in refused:
        with pytest.raises(ValidationError):
            upload_validate(upload, purpose_name=purpose_name)
