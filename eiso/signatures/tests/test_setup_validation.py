"""What the signature setup pages refuse, and why they say so on the page: not a CA, not a certificate, an
image without transparency, a signer of another agency, a timestamp server that is no URL; and what the test
page says of a file that is no PDF or carries no signature. Nothing refused is stored."""

from __future__ import annotations

import io

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from eiso.core.testing import Personas, client_for
from eiso.signatures import services, testing
from eiso.signatures.models import PersonToken, SigningSetup, TrustAnchor, Verification

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pki() -> testing.LocalPki:
    return testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name="Sở Thử nghiệm")


def _png(mode: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    colour = {"RGB": (200, 0, 0), "RGBA": (200, 0, 0, 120), "LA": (60, 120)}[mode]
    Image.new(mode, (40, 40), colour).save(out, format="PNG")
    return out.getvalue()


def _page(client: Client, name: str, data: dict[str, object]) -> tuple[int, str]:
    response = client.post(reverse(name), data)
    return response.status_code, response.content.decode()


def test_a_certificate_that_is_no_ca_is_refused_as_anchor(personas: Personas, pki: testing.LocalPki) -> None:
    client = client_for(personas.secretary)
    upload = SimpleUploadedFile("co-quan.pem", pki.agency.pem)
    status, page = _page(client, "signatures:setup_anchor", {"certificate": upload})
    assert status == 400 and "không phải của một tổ chức cấp (CA)" in page
    assert not TrustAnchor.objects.exists()


def test_the_same_root_added_twice_is_one_anchor_named_after_it(
    personas: Personas, pki: testing.LocalPki
) -> None:
    client = client_for(personas.secretary)
    for _ in range(2):
        status, _page_ = _page(
            client, "signatures:setup_anchor", {"certificate": SimpleUploadedFile("goc.pem", pki.root.pem)}
        )
        assert status == 302
    anchor = TrustAnchor.objects.get(agency=personas.agency)
    assert anchor.name == "eISO Test Root CA"


def test_a_root_given_as_der_is_kept_as_pem(personas: Personas, pki: testing.LocalPki) -> None:
    der = testing.der(pki.root).dump()
    status, _page_ = _page(
        client_for(personas.director),
        "signatures:setup_anchor",
        {"certificate": SimpleUploadedFile("goc.cer", der)},
    )
    assert status == 302
    assert TrustAnchor.objects.get().certificate_pem.startswith("-----BEGIN CERTIFICATE-----")


def test_a_file_that_is_no_certificate_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError, match="không đọc được"):
        services.trust_anchor_add(
            agency=personas.agency,
            certificate_pem="-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            actor=personas.secretary,
        )
    status, _page_ = _page(
        client_for(personas.secretary),
        "signatures:setup_anchor",
        {
            "certificate": SimpleUploadedFile(
                "goc.pem", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
            )
        },
    )
    assert status == 400
    assert not TrustAnchor.objects.exists()


@pytest.mark.parametrize("mode", ["RGB", "JPEG"])
def test_a_seal_image_without_a_transparent_ground_is_refused(personas: Personas, mode: str) -> None:
    data = _png("RGB") if mode == "RGB" else b"\xff\xd8\xff\xe0 not a png"
    status, page = _page(
        client_for(personas.secretary),
        "signatures:setup_seal",
        {"seal_png": SimpleUploadedFile("dau.png", data, content_type="image/png")},
    )
    assert status == 400
    if mode == "RGB":
        assert "PNG có nền trong suốt" in page
    assert not SigningSetup.objects.filter(agency=personas.agency, seal_png__gt=b"").exists()


def test_a_seal_with_transparency_is_kept(personas: Personas) -> None:
    status, _page_ = _page(
        client_for(personas.secretary),
        "signatures:setup_seal",
        {"seal_png": SimpleUploadedFile("dau.png", _png("RGBA"), content_type="image/png")},
    )
    assert status == 302
    assert bytes(SigningSetup.objects.get(agency=personas.agency).seal_png) == _png("RGBA")


def _token(p: Personas, pki: testing.LocalPki, person_pk: int, signature: bytes | None) -> dict[str, object]:
    data: dict[str, object] = {
        "person": person_pk,
        "certificate": SimpleUploadedFile("gd.pem", pki.agency.pem),
        "pkcs11_lib": "/usr/lib/softhsm/libsofthsm2.so",
        "token_label": "token",
        "key_label": "giam-doc",
    }
    if signature is not None:
        data["signature_png"] = SimpleUploadedFile("ck.png", signature, content_type="image/png")
    return data


def test_a_token_for_someone_of_another_agency_is_refused(personas: Personas, pki: testing.LocalPki) -> None:
    client = client_for(personas.secretary)
    status, page = _page(client, "signatures:setup_token", _token(personas, pki, personas.outsider.pk, None))
    assert status == 400 and "is-invalid" in page
    with pytest.raises(ValidationError, match="không thuộc cơ quan"):
        services.token_register(
            agency=personas.agency,
            person=personas.outsider,
            certificate_pem=pki.agency.pem.decode(),
            actor=None,
        )
    assert not PersonToken.objects.exists()


def test_a_signature_image_without_transparency_is_refused_with_the_token(
    personas: Personas, pki: testing.LocalPki
) -> None:
    client = client_for(personas.secretary)
    status, page = _page(
        client, "signatures:setup_token", _token(personas, pki, personas.director.pk, _png("RGB"))
    )
    assert status == 400 and "PNG có nền trong suốt" in page
    assert not PersonToken.objects.exists()
    status, _page_ = _page(
        client, "signatures:setup_token", _token(personas, pki, personas.director.pk, _png("LA"))
    )
    assert status == 302
    token = PersonToken.objects.get(person=personas.director)
    assert token.certificate_subject and token.certificate_not_after is not None


def test_registering_a_token_again_keeps_the_signature_image_when_none_is_sent(
    personas: Personas, pki: testing.LocalPki
) -> None:
    client = client_for(personas.secretary)
    _page(client, "signatures:setup_token", _token(personas, pki, personas.director.pk, _png("RGBA")))
    _page(client, "signatures:setup_token", _token(personas, pki, personas.director.pk, None))
    token = PersonToken.objects.get(person=personas.director)
    assert bytes(token.signature_png) == _png("RGBA")


@pytest.mark.parametrize("url", ["không phải địa chỉ", "ftp://tsa.example.vn"])
def test_a_timestamp_server_that_is_no_web_address_is_refused(personas: Personas, url: str) -> None:
    status, page = _page(client_for(personas.secretary), "signatures:setup_tsa", {"tsa_url": url})
    assert status == 400 and "is-invalid" in page
    assert not SigningSetup.objects.filter(agency=personas.agency).exclude(tsa_url="").exists()


def test_a_timestamp_server_address_is_kept_and_can_be_cleared(personas: Personas) -> None:
    client = client_for(personas.secretary)
    assert _page(client, "signatures:setup_tsa", {"tsa_url": "tsa.ca.gov.vn/tsa"})[0] == 302
    assert SigningSetup.objects.get(agency=personas.agency).tsa_url == "https://tsa.ca.gov.vn/tsa"
    assert _page(client, "signatures:setup_tsa", {"tsa_url": ""})[0] == 302
    assert SigningSetup.objects.get(agency=personas.agency).tsa_url == ""


def test_a_pkcs12_that_is_no_pkcs12_is_refused_and_nothing_is_kept(personas: Personas) -> None:
    status, page = _page(
        client_for(personas.secretary),
        "signatures:setup_key",
        {"p12": SimpleUploadedFile("co-quan.p12", b"0\x82\x01\x00 not pkcs12"), "pin": "bí-mật-123"},
    )
    assert status == 400 and "bí-mật-123" not in page
    assert not SigningSetup.objects.filter(agency=personas.agency).exclude(p12=b"").exists()


@pytest.mark.parametrize("name", ["signatures:setup_key", "signatures:setup_seal", "signatures:setup_token"])
def test_opening_a_form_address_leads_back_to_the_setup_page(personas: Personas, name: str) -> None:
    response = client_for(personas.secretary).get(reverse(name))
    assert response.status_code == 302 and response["Location"] == reverse("signatures:setup")


@pytest.mark.parametrize("who", ["division_head", "officer", "auditor", "viewer", "deputy"])
def test_only_the_secretary_and_the_director_post_to_the_setup(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    assert (
        client.post(reverse("signatures:setup_tsa"), {"tsa_url": "https://tsa.example.vn"}).status_code == 403
    )
    assert not SigningSetup.objects.exists()


# --- the test page -------------------------------------------------------------------------------------


def test_signing_a_sample_without_the_agencys_key_says_what_is_missing(personas: Personas) -> None:
    response = client_for(personas.secretary).post(reverse("signatures:test"), {"act": "sample", "pin": ""})
    assert response.status_code == 200
    assert "Chưa tải lên chứng thư số của cơ quan." in response.content.decode()


def test_a_file_that_is_no_pdf_is_refused_on_the_test_page(personas: Personas) -> None:
    import zipfile

    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:  # a minimal but structurally real DOCX
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body>Công văn</w:body></w:document>")
    client = client_for(personas.secretary)
    for name, data, message in (
        ("anh.png", _png("RGBA"), "chỉ nhận: DOCX, PDF"),
        ("cong-van.docx", docx.getvalue(), "Chỉ kiểm tra được chữ ký số trên tệp PDF."),
    ):
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        page = client.post(reverse("signatures:test"), {"act": "verify", "file": upload}).content.decode()
        assert message in page, name
    assert not Verification.objects.exists()


def test_an_unsigned_pdf_is_reported_unsigned_and_kept_as_checked(personas: Personas) -> None:
    pdf = weasyprint.HTML(string="<p>Công văn</p>").write_pdf()
    upload = SimpleUploadedFile("cong-van.pdf", pdf, content_type="application/pdf")
    response = client_for(personas.secretary).post(
        reverse("signatures:test"), {"act": "verify", "file": upload}
    )
    assert "Tệp không có chữ ký số." in response.content.decode()
    verification = Verification.objects.get()
    assert (verification.status, verification.file_name, verification.signatures) == (
        "unsigned",
        "cong-van.pdf",
        [],
    )
    assert verification.checked_by == personas.secretary


def test_a_signed_pdf_with_the_agencys_root_is_reported_valid_on_the_test_page(
    personas: Personas, pki: testing.LocalPki
) -> None:
    from eiso.signatures import pdfsign

    services.trust_anchor_add(agency=personas.agency, certificate_pem=pki.root.pem.decode(), actor=None)
    key = pdfsign.SigningKey(pdfsign.p12_signer(pki.agency_p12("x"), "x"))
    pdf = weasyprint.HTML(string="<p>Quyết định</p>").write_pdf()
    signed = pdfsign.sign_pdf(pdf, person=None, person_name="", agency=key, agency_name="Sở")[0]
    upload = SimpleUploadedFile("qd.pdf", signed, content_type="application/pdf")
    response = client_for(personas.director).post(
        reverse("signatures:test"), {"act": "verify", "file": upload}
    )
    page = response.content.decode()
    assert "alert-success" in page and "Sở Thử nghiệm" in page
    assert Verification.objects.get().status == "valid"
