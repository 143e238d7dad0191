"""The 2017 minutes of the demo, signed by the chair on a SoftHSM2 token and by the agency's PKCS#12 key."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from eiso.core.demo import DEMO_AGENCY_CODE
from eiso.signatures import pdfsign, testing
from eiso.signatures.tests.conftest import KEY_LABEL, P12_PIN, PIN, Kit, common_name
from eiso.signatures.tests.conftest import verify_json as verify

CHAIR = "Phạm Duy Lộc"


@pytest.fixture
def signed_minutes(kit: Kit, db: None) -> str:
    """The demo's 2017 minutes, signed once for the session (loading the demo is the slow part)."""
    out = kit.dir / "bien-ban-2017-signed.pdf"
    if not out.exists():
        _sign_minutes(kit, out)
    return str(out)


def _sign_minutes(kit: Kit, target: Path) -> None:
    minutes = kit.dir / "bien-ban-2017.pdf"
    call_command("load_demo", verbosity=0)
    call_command(
        "review_report",
        agency=DEMO_AGENCY_CODE,
        year=2017,
        format="pdf",
        document="bien-ban",
        output=str(minutes),
    )
    out = str(target)
    call_command(
        "sign_pdf",
        str(minutes),
        out,
        signer=CHAIR,
        pkcs11_lib=kit.token.lib,
        token_label=kit.token.label,
        key_label=KEY_LABEL,
        pin_file=kit.write("pin.txt", PIN.encode()),
        agency_p12=kit.write("agency.p12", kit.pki.agency_p12(P12_PIN)),
        agency_pin_file=kit.write("agency-pin.txt", P12_PIN.encode()),
        trust=[kit.root_pem],
        chain=[kit.write("issuing-ca.pem", kit.pki.intermediate.pem)],
        signature_image=kit.write("chu-ky.png", testing.sample_signature_png()),
        seal_image=kit.write("con-dau.png", testing.sample_seal_png()),
        stdout=io.StringIO(),
    )


def test_both_signatures_of_the_minutes_are_intact_trusted_and_cover_the_document(
    kit: Kit, signed_minutes: str
) -> None:
    code, reports = verify(signed_minutes, kit.root_pem)
    assert code == 0
    assert [r["signer"] for r in reports] == ["Nguyễn Văn Giám Đốc", common_name(kit.pki.agency)]
    for report in reports:
        assert report["intact"] and report["trusted"] and report["covers_whole_document"]
        assert report["level"] == "B-LT" and str(report["signed_at"]).endswith("+07:00")


def test_pyhankos_own_validator_agrees_independently(kit: Kit, signed_minutes: str) -> None:
    context = ValidationContext(trust_roots=[kit.root], allow_fetching=True)
    with open(signed_minutes, "rb") as handle:
        reader = PdfFileReader(handle)
        assert len(reader.embedded_signatures) == 2
        for embedded in reader.embedded_signatures:
            status = validate_pdf_signature(embedded, context)
            assert status.intact and status.valid and status.trusted and not status.revoked


def test_changing_one_byte_makes_verification_fail(kit: Kit, signed_minutes: str, tmp_path: Path) -> None:
    data = bytearray(Path(signed_minutes).read_bytes())
    reader = PdfFileReader(io.BytesIO(bytes(data)))
    byte_range = reader.embedded_signatures[0].sig_object["/ByteRange"]
    start, length = int(byte_range[0]), int(byte_range[1])
    data[start + length // 2] ^= 0x01  # a byte of the first revision's content, inside the signed range
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    code, reports = verify(str(altered), kit.root_pem)
    assert code == 1
    assert not reports[0]["intact"]


def test_without_the_root_the_signatures_are_reported_untrusted(signed_minutes: str) -> None:
    code, reports = verify(signed_minutes)
    assert code == 1
    assert all(not r["trusted"] and r["intact"] for r in reports)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_signed_minutes_render_with_the_appearance_on_the_last_page(
    signed_minutes: str, tmp_path: Path
) -> None:
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "50", "-png", signed_minutes, str(tmp_path / "page")],  # noqa: S607
        check=True,
        timeout=120,
    )
    assert sorted(tmp_path.glob("page*.png"))
    reader = PdfFileReader(io.BytesIO(Path(signed_minutes).read_bytes()))
    fields = {s.field_name for s in reader.embedded_signatures}
    assert fields == {pdfsign.PERSON_FIELD, pdfsign.AGENCY_FIELD}
