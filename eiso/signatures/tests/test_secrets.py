"""The agency's PKCS#12 PIN at rest: sealed with a key derived from SECRET_KEY, opened only with that
key; after a SECRET_KEY change nothing is signed with a PIN that cannot be read, until the key is uploaded
again."""

from __future__ import annotations

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from eiso.core.testing import Personas
from eiso.signatures import services, testing
from eiso.signatures.models import SignedFile, SigningSetup
from eiso.signatures.secrets import open_pin, seal_pin

P12_PIN = "mat-khau-p12"


@settings(max_examples=200, deadline=None)
@given(pin=st.text(min_size=0, max_size=64))
def test_any_pin_opens_again_exactly_as_it_was_sealed(pin: str) -> None:
    assert open_pin(seal_pin(pin)) == pin


@settings(max_examples=100, deadline=None)
@given(pin=st.text(alphabet=st.characters(codec="utf-8"), min_size=8, max_size=32))
def test_the_sealed_pin_never_carries_the_pin_and_two_seals_differ(pin: str) -> None:
    sealed = seal_pin(pin)
    assert pin.encode() not in sealed
    assert seal_pin(pin) != sealed  # a fresh IV every time: equal PINs do not show as equal rows


def test_after_a_secret_key_change_the_pin_is_refused_not_misread() -> None:
    sealed = seal_pin("1234")
    with override_settings(SECRET_KEY="another-secret-key-of-the-new-server-0123456789"):
        with pytest.raises(ValueError, match="cannot be decrypted"):
            open_pin(sealed)
        assert open_pin(seal_pin("1234")) == "1234"
    assert open_pin(sealed) == "1234"


@pytest.mark.parametrize("position", [0, 10, -1])
def test_a_damaged_seal_is_refused(position: int) -> None:
    sealed = bytearray(seal_pin("1234"))
    sealed[position] = (sealed[position] + 1) % 128 or 65
    with pytest.raises(ValueError):
        open_pin(bytes(sealed))


@pytest.fixture(scope="module")
def agency_p12() -> bytes:
    """The agency's PKCS#12 from a local CA whose CRL address answers nothing (no network needed)."""
    pki = testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name="Sở Thử nghiệm")
    return pki.agency_p12(P12_PIN)


def _issue(p: Personas) -> SignedFile | None:
    return services.signed_issue_pdf(
        agency=p.agency,
        target=p.agency,
        kind="thu-nghiem",
        file_name="thong-bao.pdf",
        pdf=weasyprint.HTML(string="<p>Thông báo</p>").write_pdf(),
        signer=None,
        signer_name="",
        actor=p.secretary,
    )


@pytest.mark.django_db
def test_after_a_secret_key_change_nothing_is_signed_until_the_key_is_uploaded_again(
    personas: Personas, agency_p12: bytes
) -> None:
    services.setup_agency_key(agency=personas.agency, p12=agency_p12, pin=P12_PIN, actor=personas.secretary)
    stored = bytes(SigningSetup.objects.get(agency=personas.agency).p12_pin_encrypted)
    assert P12_PIN.encode() not in stored
    with override_settings(SECRET_KEY="another-secret-key-of-the-new-server-0123456789"):
        with pytest.raises(ValidationError, match="không giải mã được"):
            _issue(personas)
        assert not SignedFile.objects.exists()
        services.setup_agency_key(
            agency=personas.agency, p12=agency_p12, pin=P12_PIN, actor=personas.secretary
        )
        signed = _issue(personas)
    assert signed is not None and bytes(signed.content).startswith(b"%PDF-")
    assert signed.levels == "B-B"


@pytest.mark.django_db
def test_issuing_again_returns_the_file_already_signed(personas: Personas, agency_p12: bytes) -> None:
    services.setup_agency_key(agency=personas.agency, p12=agency_p12, pin=P12_PIN, actor=personas.secretary)
    first, second = _issue(personas), _issue(personas)
    assert first is not None and second is not None
    assert first.pk == second.pk and SignedFile.objects.count() == 1
