"""PAdES signing and verification of PDFs with pyHanko, free of Django models.

The visible appearance follows Decree 30/2020, Appendix I Part II for electronic documents (see
docs/signatures.md): the competent person's signature image sits between the signer's position and
name; the agency's seal image overlaps about a third of it on the left, with the agency's name and
the signing time (ISO 8601, Vietnam offset) beside it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import images, layout, text
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import StaticStampStyle, TextStampStyle
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import RevokedError

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PERSON_FIELD = "ChuKyNguoiCoThamQuyen"
AGENCY_FIELD = "ChuKyCoQuan"
# The signature box: 60 mm wide, 25 mm high (points); the seal is a 34 mm disc (a real seal is 32-36 mm).
MM = 72 / 25.4
SIG_W, SIG_H, SEAL = 55 * MM, 22 * MM, 34 * MM


SAFE_UPDATES = {"NONE", "LTA_UPDATES", "FORM_FILLING"}


class Level:
    """PAdES baseline levels, from the weakest."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"


@dataclass
class SignatureReport:
    """What a verifier can say of one signature of a PDF."""

    field_name: str
    signer: str
    signed_at: str | None
    timestamped: bool
    intact: bool
    trusted: bool
    revoked: bool
    covers_whole_document: bool
    level: str
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and not self.revoked

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field_name,
            "signer": self.signer,
            "signed_at": self.signed_at,
            "timestamped": self.timestamped,
            "intact": self.intact,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "covers_whole_document": self.covers_whole_document,
            "level": self.level,
            "valid": self.valid,
            "problems": self.problems,
        }


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """Certificates from PEM (one or many) or DER bytes."""
    if asn1_pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _, _, der in asn1_pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def validation_context(
    trust_roots: Iterable[asn1_x509.Certificate],
    *,
    fetch: bool = True,
    crls: Iterable[bytes] = (),
    for_signing: bool = False,
) -> ValidationContext:
    """Trust only the given anchors; revocation from the signature's own data, given CRLs or the network."""
    return ValidationContext(
        trust_roots=list(trust_roots),
        allow_fetching=fetch,
        crls=list(crls),
        revocation_mode="hard-fail" if for_signing else "soft-fail",
    )


def p12_signer(data: bytes, pin: str) -> signers.SimpleSigner:
    """A signer from a PKCS#12 archive; the PIN is used here and never kept."""
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=pin.encode())
    if signer is None:
        raise SigningError("PKCS#12 could not be opened")
    return signer


def certificate_name(cert: asn1_x509.Certificate) -> str:
    attrs = cert.subject.native
    return str(attrs.get("common_name") or attrs.get("organization_name") or cert.subject.human_friendly)


@dataclass
class SignerBox:
    """Where a signature goes: page index (from 0) and the box (x1, y1, x2, y2) in points."""

    page: int
    box: tuple[float, float, float, float]
    page_height: float = 842.0


def _words(pdf: bytes) -> list[tuple[int, float, float, float, float, str]]:
    """Word boxes from poppler (page, x1, y1-from-top, x2, y2-from-top, word), page height mapped later."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        try:
            html = subprocess.run(  # noqa: S603
                ["/usr/bin/pdftotext", "-bbox", handle.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout.decode()
        except (OSError, subprocess.SubprocessError):
            return []
    words: list[tuple[int, float, float, float, float, str]] = []
    for page, chunk in enumerate(html.split("<page ")[1:]):
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', chunk
        ):
            words.append((page, *(float(m.group(i)) for i in range(1, 5)), m.group(5)))  # type: ignore[arg-type]
    return words


def locate_signer(pdf: bytes, name: str) -> SignerBox | None:
    """The box between the signer's position and name: just above the last occurrence of the name."""
    parts = name.split()
    if not parts:
        return None
    words = _words(pdf)
    reader = PdfFileReader(io.BytesIO(pdf))
    for i in range(len(words) - len(parts), -1, -1):
        run = words[i : i + len(parts)]
        if [w[5] for w in run] != parts or len({w[0] for w in run}) != 1:
            continue
        page = run[0][0]
        height = _page_height(reader, page)
        centre = (min(w[1] for w in run) + max(w[3] for w in run)) / 2
        top_of_name = height - min(w[2] for w in run)
        y1 = top_of_name + 2
        # keep the image on the page when the name starts a page (the title stayed on the previous one)
        y2 = min(y1 + SIG_H, height - 12 * MM)
        return SignerBox(page, (centre - SIG_W / 2, y1, centre + SIG_W / 2, max(y2, y1 + 8 * MM)), height)
    return None


def _page_height(reader: PdfFileReader, page: int) -> float:
    page_ref, _ = reader.find_page_for_modification(page)
    return float(page_ref.get_object()["/MediaBox"][3])


def _default_box(pdf: bytes) -> SignerBox:
    reader = PdfFileReader(io.BytesIO(pdf))
    last = int(reader.root["/Pages"]["/Count"]) - 1
    width = float(reader.find_page_for_modification(last)[0].get_object()["/MediaBox"][2])
    x2 = width - 20 * MM
    return SignerBox(last, (x2 - SIG_W, 40 * MM, x2, 40 * MM + SIG_H))


@functools.cache
def _font_file() -> str:
    """The Times-like font rescaled to 1000 units per em.

    pyHanko writes a CID font's glyph widths in the font's own units, while PDF reads them per 1000;
    a TrueType font with 2048 units then shows letter-spaced text. Rescaling once avoids that.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = FONT if FONT.exists() else FALLBACK_FONT
    target = Path(tempfile.gettempdir()) / f"eiso-{source.stem}-1000.ttf"
    if not target.exists():
        font = TTFont(str(source))
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        partial.replace(target)
    return str(target)


def _font() -> GlyphAccumulatorFactory:
    return GlyphAccumulatorFactory(_font_file())


def _image(png: bytes, *, size: float | None = None) -> images.PdfImage:
    """A PNG as PDF content; `size` fixes its width in points (a seal is printed at its real size)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    box = None
    if size is not None:
        box = layout.BoxConstraints(width=size, height=size * image.height / image.width)
    return images.PdfImage(image, box=box)


def person_style(signature_png: bytes | None, name: str) -> StaticStampStyle | TextStampStyle:
    """The signer's signature image, no border; a plain name line when no image is registered."""
    if signature_png:
        return StaticStampStyle(background=_image(signature_png), border_width=0, background_opacity=1.0)
    return TextStampStyle(
        stamp_text=name,
        border_width=0,
        text_box_style=text.TextBoxStyle(font=_font(), font_size=10),
    )


def agency_style(seal_png: bytes | None) -> TextStampStyle:
    """The seal at the top left of the box; the agency's name and the signing time at the bottom right,
    under the signer's name (10 pt, Times-like, black: the size Decree 30 Appendix I gives the
    information line of an agency's digital signature; see docs/signatures.md)."""
    return TextStampStyle(
        stamp_text="%(agency)s\n%(signed_at)s",
        border_width=0,
        background=_image(seal_png, size=SEAL) if seal_png else None,
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, 0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins(0, 0, 0, 0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
        text_box_style=text.TextBoxStyle(font=_font(), font_size=10, leading=12),
    )


def seal_box(person: SignerBox) -> SignerBox:
    """The seal overlaps about a third of the signature image on the left (Decree 30, Art. 33 cl. 1 b);
    the box reaches below the signer's name, where the agency's name and the signing time go."""
    x1, y1, x2, y2 = person.box
    left = x1 + (x2 - x1) / 3 - SEAL
    top = min((y1 + y2) / 2 + SEAL / 2, person.page_height - 6 * MM)
    box = (left, min(y1 - 17 * MM, top - SEAL - 9 * MM), x2 + 8 * MM, top)
    return SignerBox(person.page, box, person.page_height)


@dataclass
class SigningKey:
    """A ready signer (PKCS#12 or PKCS#11) with the certificates of its chain."""

    signer: signers.Signer
    chain: list[asn1_x509.Certificate] = field(default_factory=list)


def refuse_revoked(key: SigningKey, context: ValidationContext) -> None:
    """Never sign with a certificate its CA has revoked; an unreachable CRL only lowers the level."""
    cert = key.signer.signing_cert
    if cert is None:
        raise SigningError("no signing certificate")
    validator = CertificateValidator(
        cert, intermediate_certs=list(key.signer.cert_registry), validation_context=context
    )
    try:
        asyncio.run(validator.async_validate_usage(set()))
    except RevokedError as exc:
        raise SigningError(f"certificate revoked: {certificate_name(cert)}") from exc
    except Exception:  # noqa: S110 - path or revocation data unreachable: signed at a lower level below
        pass


def sign_once(
    pdf: bytes,
    *,
    key: SigningKey,
    field_name: str,
    where: SignerBox,
    style: Any,
    params: dict[str, str],
    timestamper: TimeStamper | None,
    context: ValidationContext | None,
) -> tuple[bytes, str]:
    """Add one PAdES signature; B-LT when the revocation data could be gathered, else B-T or B-B."""
    if key.chain:
        key.signer.cert_registry.register_multiple(key.chain)
    if context is not None:
        refuse_revoked(key, context)
    level = Level.B_T if timestamper else Level.B_B
    for embed in [True, False] if context else [False]:
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            embed_validation_info=embed,
            use_pades_lta=False,
            validation_context=context if embed else None,
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        box = (round(where.box[0]), round(where.box[1]), round(where.box[2]), round(where.box[3]))
        spec = fields.SigFieldSpec(field_name, on_page=where.page, box=box)
        pdf_signer = signers.PdfSigner(
            meta, signer=key.signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec
        )
        try:
            out = pdf_signer.sign_pdf(writer, appearance_text_params=params)
        except Exception as exc:  # revocation unreachable or invalid path: fall back to a lower level
            if not embed:
                raise
            last_error = exc
            continue
        return out.getvalue(), (Level.B_LT if embed else level)
    raise SigningError(str(last_error))  # pragma: no cover - the loop always returns or raises


def sign_pdf(
    pdf: bytes,
    *,
    person: SigningKey | None,
    person_name: str,
    agency: SigningKey | None,
    agency_name: str,
    signature_png: bytes | None = None,
    seal_png: bytes | None = None,
    tsa_url: str = "",
    timestamper: TimeStamper | None = None,
    context: ValidationContext | None = None,
    now: dt.datetime | None = None,
) -> tuple[bytes, list[str]]:
    """Sign with the competent person's key, then the agency's, as two PAdES signatures.

    Returns the signed PDF and the level reached by each signature.
    """
    timestamper = timestamper or (HTTPTimeStamper(tsa_url) if tsa_url else None)
    where = locate_signer(pdf, person_name) or _default_box(pdf)
    levels: list[str] = []
    if person is not None:
        pdf, level = sign_once(
            pdf,
            key=person,
            field_name=PERSON_FIELD,
            where=where,
            style=person_style(signature_png, person_name),
            params={},
            timestamper=timestamper,
            context=context,
        )
        levels.append(level)
    if agency is not None:
        signed_at = (now or dt.datetime.now(tz=VIETNAM)).astimezone(VIETNAM).isoformat(timespec="seconds")
        pdf, level = sign_once(
            pdf,
            key=agency,
            field_name=AGENCY_FIELD,
            where=seal_box(where),
            style=agency_style(seal_png),
            params={"agency": agency_name, "signed_at": signed_at},
            timestamper=timestamper,
            context=context,
        )
        levels.append(level)
    return pdf, levels


def verify_pdf(pdf: bytes, *, context: ValidationContext) -> list[SignatureReport]:
    """Check every signature: signer, time, integrity, chain to the anchors, revocation, coverage."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded_signatures = list(reader.embedded_signatures)
    except Exception as exc:  # an unreadable file: signed ones are reported broken, others carry none
        if b"/ByteRange" not in pdf:
            return []
        return [_broken("", str(exc))]
    return [_verify_one(embedded, context) for embedded in embedded_signatures]


def _broken(field_name: str, reason: str) -> SignatureReport:
    return SignatureReport(
        field_name=field_name,
        signer="",
        signed_at=None,
        timestamped=False,
        intact=False,
        trusted=False,
        revoked=False,
        covers_whole_document=False,
        level="",
        problems=[reason],
    )


def _verify_one(embedded: Any, context: ValidationContext) -> SignatureReport:
    problems: list[str] = []
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except Exception as exc:  # a malformed signature is reported, never raised to the uploader
        return _broken(embedded.field_name, str(exc))
    revoked = bool(status.revoked)
    ts = status.timestamp_validity
    signed_at = ts.timestamp if ts is not None else status.signer_reported_dt
    coverage = status.coverage.name if status.coverage is not None else ""
    # Later revisions may only add signatures and validation data (DSS); anything else is a change.
    allowed = status.modification_level is not None and status.modification_level.name in SAFE_UPDATES
    whole = coverage == "ENTIRE_FILE" or (
        coverage == "ENTIRE_REVISION" and allowed and bool(status.docmdp_ok)
    )
    intact = bool(status.intact and status.valid)
    if not intact:
        problems.append("integrity")
    if not status.trusted:
        problems.append("untrusted")
    if revoked:
        problems.append("revoked")
    if not whole:
        problems.append(f"coverage:{coverage or 'unknown'}")
    has_dss = embedded.reader.root.get("/DSS") is not None
    level = Level.B_LT if has_dss else (Level.B_T if ts is not None else Level.B_B)
    return SignatureReport(
        field_name=embedded.field_name,
        signer=certificate_name(status.signing_cert),
        signed_at=signed_at.astimezone(VIETNAM).isoformat(timespec="seconds") if signed_at else None,
        timestamped=ts is not None,
        intact=intact,
        trusted=bool(status.trusted) and not revoked,
        revoked=revoked,
        covers_whole_document=whole,
        level=level,
        problems=problems,
    )
