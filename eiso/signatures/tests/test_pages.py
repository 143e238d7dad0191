"""The setup pages for the ISO secretary and the Director, and the test page that signs and verifies."""

from __future__ import annotations

import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from eiso.core.testing import Personas, client_for
from eiso.signatures import testing
from eiso.signatures.models import PersonToken, SigningSetup, TrustAnchor
from eiso.signatures.tests.conftest import P12_PIN, Kit


def test_only_the_secretary_and_the_director_open_the_setup(personas: Personas) -> None:
    url = reverse("signatures:setup")
    assert client_for(personas.secretary).get(url).status_code == 200
    assert client_for(personas.director).get(url).status_code == 200
    assert client_for(personas.officer).get(url).status_code == 403


def test_the_setup_page_renders_in_english(personas: Personas) -> None:
    client = client_for(personas.secretary)
    try:
        response = client.get(reverse("signatures:setup"), HTTP_ACCEPT_LANGUAGE="en")
    finally:
        translation.activate("vi")
    assert "Digital signature settings" in response.content.decode()


def test_the_secretary_sets_up_keys_images_token_and_anchor_then_signs_and_verifies_a_sample(
    kit: Kit, personas: Personas
) -> None:
    client = client_for(personas.secretary)
    p12 = SimpleUploadedFile("co-quan.p12", kit.pki.agency_p12(P12_PIN))
    assert client.post(reverse("signatures:setup_key"), {"p12": p12, "pin": P12_PIN}).status_code == 302
    seal = SimpleUploadedFile("dau.png", testing.sample_seal_png(), content_type="image/png")
    assert client.post(reverse("signatures:setup_seal"), {"seal_png": seal}).status_code == 302
    root = SimpleUploadedFile("root.pem", kit.pki.root.pem)
    assert client.post(reverse("signatures:setup_anchor"), {"certificate": root}).status_code == 302
    assert kit.pki.person_on_token is not None
    token = {
        "person": personas.director.pk,
        "certificate": SimpleUploadedFile("gd.pem", kit.pki.person_on_token.pem),
        "pkcs11_lib": kit.token.lib,
        "token_label": kit.token.label,
        "key_label": "giam-doc",
        "signature_png": SimpleUploadedFile(
            "ck.png", testing.sample_signature_png(), content_type="image/png"
        ),
    }
    assert client.post(reverse("signatures:setup_token"), token).status_code == 302
    setup = SigningSetup.objects.get(agency=personas.agency)
    assert setup.has_key and setup.seal_png and TrustAnchor.objects.filter(agency=personas.agency).exists()
    assert PersonToken.objects.get(person=personas.director).signature_png

    response = client.post(reverse("signatures:test"), {"act": "sample", "pin": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "alert-success" in page and "B-LT" in page


def test_a_jpeg_seal_or_a_wrong_pin_is_refused_on_the_page(kit: Kit, personas: Personas) -> None:
    client = client_for(personas.director)
    p12 = SimpleUploadedFile("co-quan.p12", kit.pki.agency_p12(P12_PIN))
    response = client.post(reverse("signatures:setup_key"), {"p12": p12, "pin": "sai"})
    assert response.status_code == 400 and "sai" not in response.content.decode().split("PKCS#12")[-1][:20]
    seal = SimpleUploadedFile("dau.png", b"\xff\xd8\xff\xe0 not a png")
    assert client.post(reverse("signatures:setup_seal"), {"seal_png": seal}).status_code == 400
    assert not SigningSetup.objects.filter(agency=personas.agency, seal_png__gt=b"").exists()


def test_an_altered_pdf_uploaded_to_the_test_page_shows_a_warning(kit: Kit, personas: Personas) -> None:
    from eiso.signatures import pdfsign

    pdf = weasyprint.HTML(string="<p>Quyết định</p>").write_pdf()
    key = pdfsign.SigningKey(pdfsign.p12_signer(kit.pki.agency_p12("x"), "x"))
    signed = bytearray(pdfsign.sign_pdf(pdf, person=None, person_name="x", agency=key, agency_name="Sở")[0])
    signed[200] ^= 0x01
    client = client_for(personas.secretary)
    upload = SimpleUploadedFile("qd.pdf", bytes(signed), content_type="application/pdf")
    response = client.post(reverse("signatures:test"), {"act": "verify", "file": upload})
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
