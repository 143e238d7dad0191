"""pdfsign without tokens: where the signature and the seal go (Decree 30/2020: the seal over the left third
of the signature, the signature between the signer's position and name), and what verification says of
unsigned, garbled, untrusted and altered PDFs, in Python and through `eiso verify_pdf --format json`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import weasyprint
from asn1crypto.x509 import Certificate
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import ValidationContext

from eiso.signatures import pdfsign, testing
from eiso.signatures.pdfsign import MM, SEAL, SIG_H, SIG_W, SignerBox

NAME = "Nguyễn Văn Giám Đốc"


@st.composite
def signature_boxes(draw: st.DrawFn) -> SignerBox:
    height = draw(st.sampled_from([595.0, 842.0, 1190.0]))
    x1 = draw(st.floats(20 * MM, 300))
    y1 = draw(st.floats(20 * MM, height - SIG_H - 8))
    return SignerBox(draw(st.integers(0, 5)), (x1, y1, x1 + SIG_W, y1 + SIG_H), height)


@settings(max_examples=200, deadline=None)
@given(person=signature_boxes())
def test_the_seal_covers_the_left_third_of_the_signature_and_stays_on_the_page(person: SignerBox) -> None:
    x1, y1, x2, y2 = person.box
    seal = pdfsign.seal_box(person)
    left, bottom, right, top = seal.box
    assert (seal.page, seal.page_height) == (person.page, person.page_height)
    assert left + SEAL == pytest.approx(x1 + (x2 - x1) / 3)  # the disc's right edge: a third into the image
    assert right == pytest.approx(x2 + 8 * MM)  # room for the agency's name and the time beside it
    assert top <= person.page_height - 6 * MM + 1e-6
    assert top == pytest.approx((y1 + y2) / 2 + SEAL / 2) or top == pytest.approx(person.page_height - 6 * MM)
    assert bottom <= y1 - 17 * MM  # reaches below the signer's name
    assert top - bottom >= SEAL + 9 * MM - 1e-6  # the disc and two lines of text fit
    assert left < right and bottom < top


def _pdf(*lines: str, page_break_before: int | None = None) -> bytes:
    html = "".join(
        f'<p style="{"page-break-before: always;" if i == page_break_before else ""}">{line}</p>'
        for i, line in enumerate(lines)
    )
    return weasyprint.HTML(string=f"<html><body style='font-size: 14pt'>{html}</body></html>").write_pdf()


def test_the_signature_goes_just_above_the_signers_name_centred_on_it() -> None:
    pdf = _pdf("QUYẾT ĐỊNH", "GIÁM ĐỐC", "", "", NAME)
    box = pdfsign.locate_signer(pdf, NAME)
    assert box is not None and box.page == 0
    x1, y1, x2, y2 = box.box
    assert x2 - x1 == pytest.approx(SIG_W)
    assert y2 - y1 == pytest.approx(SIG_H)
    words = [w for w in pdfsign._words(pdf) if w[5] in NAME.split()]
    name_left, name_right = min(w[1] for w in words), max(w[3] for w in words)
    name_top = box.page_height - min(w[2] for w in words)
    assert (x1 + x2) / 2 == pytest.approx((name_left + name_right) / 2)
    assert y1 == pytest.approx(name_top + 2)


def test_the_last_occurrence_of_the_name_is_where_the_signature_goes() -> None:
    pdf = _pdf(f"Kính gửi: ông {NAME}", "Nội dung", "GIÁM ĐỐC", NAME, page_break_before=2)
    box = pdfsign.locate_signer(pdf, NAME)
    assert box is not None and box.page == 1


def test_a_name_at_the_top_of_a_page_keeps_the_image_on_the_page() -> None:
    pdf = _pdf("Nội dung", NAME, page_break_before=1)
    box = pdfsign.locate_signer(pdf, NAME)
    assert box is not None and box.page == 1
    _x1, y1, _x2, y2 = box.box
    assert y2 - y1 < SIG_H  # cut to stay 12 mm below the top of the page, but at least 8 mm high
    assert y2 <= box.page_height - 12 * MM + 1e-6 and y2 - y1 >= 8 * MM - 1e-6


@pytest.mark.parametrize("name", ["", "   ", "Trần Thị Không Có"])
def test_no_box_for_a_name_that_is_not_in_the_document(name: str) -> None:
    assert pdfsign.locate_signer(_pdf("GIÁM ĐỐC", NAME), name) is None


def test_without_the_name_the_signature_goes_at_the_bottom_right_of_the_last_page() -> None:
    pdf = _pdf("Trang một", "Trang hai", page_break_before=1)
    box = pdfsign._default_box(pdf)
    width = 595.0  # weasyprint's default A4 width in points, rounded
    assert box.page == 1
    x1, y1, x2, y2 = box.box
    assert x2 == pytest.approx(width - 20 * MM, abs=1)
    assert (x2 - x1, y2 - y1) == (pytest.approx(SIG_W), pytest.approx(SIG_H))
    assert y1 == pytest.approx(40 * MM)


def test_signing_with_no_key_leaves_the_pdf_as_it_was() -> None:
    pdf = _pdf("Thông báo")
    assert pdfsign.sign_pdf(pdf, person=None, person_name=NAME, agency=None, agency_name="Sở") == (pdf, [])


def test_certificates_load_from_one_or_many_pem_blocks_or_der() -> None:
    root = testing.make(testing._name("Gốc", "Thử"), ca=True)
    other = testing.make(testing._name("Khác", "Thử"), ca=True)
    both = root.pem + other.pem
    assert [pdfsign.certificate_name(c) for c in pdfsign.load_certificates(both)] == ["Gốc", "Khác"]
    der = testing.der(root).dump()
    assert pdfsign.certificate_name(pdfsign.load_certificates(der)[0]) == "Gốc"


# --- verification of unsigned, garbled, untrusted and altered files ------------------------------------


@pytest.fixture(scope="module")
def pki() -> testing.LocalPki:
    """A local CA whose CRL address answers nothing: verification runs offline."""
    return testing.build_pki(crl_url="http://127.0.0.1:9/issuing.crl", agency_name="Sở Thử nghiệm")


@pytest.fixture(scope="module")
def signed(pki: testing.LocalPki) -> bytes:
    key = pdfsign.SigningKey(pdfsign.p12_signer(pki.agency_p12("x"), "x"))
    return pdfsign.sign_pdf(
        _pdf("Thông báo", NAME), person=None, person_name=NAME, agency=key, agency_name="Sở"
    )[0]


def _offline(*roots: Certificate) -> ValidationContext:
    return pdfsign.validation_context(roots, fetch=False)


def test_an_unsigned_pdf_or_a_file_that_is_no_pdf_has_no_signature_to_report() -> None:
    assert pdfsign.verify_pdf(_pdf("Không ký"), context=_offline()) == []
    assert pdfsign.verify_pdf(b"not a pdf at all", context=_offline()) == []
    assert pdfsign.verify_pdf(b"", context=_offline()) == []


def test_a_garbled_file_that_claims_a_signature_is_reported_broken_not_raised() -> None:
    reports = pdfsign.verify_pdf(b"%PDF-1.7 garbage /ByteRange [0 1 2 3] more garbage", context=_offline())
    assert len(reports) == 1
    report = reports[0]
    assert not report.valid and not report.intact and not report.covers_whole_document
    assert report.problems and report.as_dict()["valid"] is False


def test_a_signature_from_a_trusted_root_is_valid_and_covers_the_document(
    pki: testing.LocalPki, signed: bytes
) -> None:
    (report,) = pdfsign.verify_pdf(signed, context=_offline(testing.der(pki.root)))
    assert report.valid and report.covers_whole_document and report.problems == []
    assert (report.field_name, report.signer, report.level) == (pdfsign.AGENCY_FIELD, "Sở Thử nghiệm", "B-B")
    assert report.signed_at is not None and report.signed_at.endswith("+07:00")


def test_the_same_signature_without_its_root_is_intact_but_untrusted(signed: bytes) -> None:
    (report,) = pdfsign.verify_pdf(signed, context=_offline())
    assert report.intact and not report.trusted and not report.valid
    assert report.problems == ["untrusted"]


def test_a_root_nobody_configured_does_not_make_a_stranger_trusted(pki: testing.LocalPki) -> None:
    key = pdfsign.SigningKey(pdfsign.p12_signer(pki.stranger_p12("x"), "x"))
    pdf = pdfsign.sign_pdf(_pdf("Giả mạo"), person=None, person_name="", agency=key, agency_name="Ai đó")[0]
    (report,) = pdfsign.verify_pdf(pdf, context=_offline(testing.der(pki.root)))
    assert report.intact and not report.trusted and "untrusted" in report.problems


def test_text_appended_after_signing_is_not_covered(pki: testing.LocalPki, signed: bytes) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    writer.root["/Lang"] = generic.TextStringObject("en-US")  # a later revision changes the document
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    (report,) = pdfsign.verify_pdf(out.getvalue(), context=_offline(testing.der(pki.root)))
    assert report.intact and not report.covers_whole_document
    assert any(problem.startswith("coverage:") for problem in report.problems)


def _command(path: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = 0
    try:
        call_command("verify_pdf", str(path), "--no-fetch", "--format=json", *args, stdout=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


@pytest.mark.django_db
def test_the_command_exits_3_on_an_unsigned_file_0_when_valid_1_otherwise(
    pki: testing.LocalPki, signed: bytes, tmp_path: Path
) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.pem)
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(_pdf("Không ký"))
    good = tmp_path / "signed.pdf"
    good.write_bytes(signed)
    altered = tmp_path / "altered.pdf"
    damaged = bytearray(signed)
    byte_range = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].sig_object["/ByteRange"]
    damaged[int(byte_range[0]) + int(byte_range[1]) // 2] ^= 0x01  # inside the signed range
    altered.write_bytes(bytes(damaged))

    assert _command(unsigned, f"--trust={root}") == (3, [])
    code, reports = _command(good, f"--trust={root}")
    assert code == 0 and [r["valid"] for r in reports] == [True]
    assert reports[0]["field"] == pdfsign.AGENCY_FIELD and reports[0]["signer"] == "Sở Thử nghiệm"
    code, reports = _command(good)
    assert code == 1 and reports[0]["problems"] == ["untrusted"]
    code, reports = _command(altered, f"--trust={root}")
    assert code == 1 and reports and not all(r["valid"] for r in reports)


@pytest.mark.django_db
def test_the_command_trusts_the_roots_an_agency_configured(
    personas: object, pki: testing.LocalPki, signed: bytes, tmp_path: Path
) -> None:
    from eiso.core.testing import Personas
    from eiso.signatures import services

    assert isinstance(personas, Personas)
    services.trust_anchor_add(agency=personas.agency, certificate_pem=pki.root.pem.decode(), actor=None)
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    assert _command(path, f"--agency={personas.agency.code}")[0] == 0
    assert _command(path, f"--agency={personas.other_agency.code}")[0] == 1


def test_the_text_format_names_each_signature_and_its_state(
    pki: testing.LocalPki, signed: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("verify_pdf", str(path), "--no-fetch", stdout=out)
    assert exited.value.code == 1
    assert out.getvalue().startswith(f"{pdfsign.AGENCY_FIELD}: Sở Thử nghiệm ")
    assert "INVALID untrusted" in out.getvalue()
