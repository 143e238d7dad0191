"""A local PKI for tests and the setup page's sample: root, intermediate, a person's and an agency's
certificates, a revoked one with its CRL, and a certificate from a CA nobody trusts. Also a SoftHSM2
token holding the person's key, as officials' USB tokens do.

Built with `cryptography`; nothing here is used to sign real documents.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
SOFTHSM_UTIL = "/usr/bin/softhsm2-util"
Key = rsa.RSAPrivateKey


def _name(cn: str, org: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.insert(1, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def new_key() -> Key:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issued:
    cert: x509.Certificate
    key: Key | None = None

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def issue(
    *,
    subject: x509.Name,
    public_key: rsa.RSAPublicKey,
    issuer: Issued | None,
    ca: bool,
    crl_url: str = "",
    key: Key | None = None,
    timestamping: bool = False,
) -> Issued:
    """A certificate for `public_key`, self-signed when `issuer` is None (then `key` signs)."""
    now = dt.datetime.now(tz=dt.UTC)
    signing_key = issuer.key if issuer else key
    assert signing_key is not None  # noqa: S101 - programming error in a test helper
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650 if ca else 730))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    usage = dict.fromkeys(
        [
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ],
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    else:
        usage.update(digital_signature=True, content_commitment=True)
        purpose = ExtendedKeyUsageOID.TIME_STAMPING if timestamping else ExtendedKeyUsageOID.EMAIL_PROTECTION
        builder = builder.add_extension(x509.ExtendedKeyUsage([purpose]), critical=timestamping)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if crl_url:
        point = x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    return Issued(builder.sign(signing_key, hashes.SHA256()), key)


def make(
    subject: x509.Name,
    *,
    issuer: Issued | None = None,
    ca: bool = False,
    crl_url: str = "",
    public_key: rsa.RSAPublicKey | None = None,
    timestamping: bool = False,
) -> Issued:
    """A certificate with a fresh key pair (kept on the result), or for `public_key` whose private key lives
    elsewhere (on a token); self-signed when `issuer` is None."""
    key = None if public_key else new_key()
    public = public_key or key.public_key()  # type: ignore[union-attr]
    return issue(
        subject=subject,
        public_key=public,
        issuer=issuer,
        ca=ca,
        crl_url=crl_url,
        key=key,
        timestamping=timestamping,
    )


def crl(issuer: Issued, revoked: Sequence[Issued] = ()) -> bytes:
    """A DER CRL of `issuer` listing `revoked` (revoked an hour ago), valid for a week."""
    assert issuer.key is not None  # noqa: S101
    now = dt.datetime.now(tz=dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(now - dt.timedelta(hours=2))
        .next_update(now + dt.timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    )
    for cert in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(cert.cert.serial_number)
            .revocation_date(now - dt.timedelta(hours=1))
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def p12_bytes(issued: Issued, chain: list[Issued], pin: str, name: str) -> bytes:
    assert issued.key is not None  # noqa: S101
    return pkcs12.serialize_key_and_certificates(
        name.encode(),
        issued.key,
        issued.cert,
        [c.cert for c in chain],
        serialization.BestAvailableEncryption(pin.encode()),
    )


@dataclass
class LocalPki:
    """The whole local PKI; `crl_der` is what the intermediate's CRL URL serves."""

    root: Issued
    intermediate: Issued
    agency: Issued
    person_on_token: Issued | None
    revoked: Issued
    stranger_root: Issued
    stranger: Issued
    tsa: Issued
    crl_der: bytes
    crl_url: str
    files: dict[str, Path] = field(default_factory=dict)

    def agency_p12(self, pin: str) -> bytes:
        return p12_bytes(self.agency, [self.intermediate, self.root], pin, "agency")

    def revoked_p12(self, pin: str) -> bytes:
        return p12_bytes(self.revoked, [self.intermediate, self.root], pin, "revoked")

    def stranger_p12(self, pin: str) -> bytes:
        return p12_bytes(self.stranger, [self.stranger_root], pin, "stranger")


def build_pki(
    *, crl_url: str, agency_name: str, person_public_key: rsa.RSAPublicKey | None = None
) -> LocalPki:
    """Root → intermediate → {agency, person, revoked, timestamping}; a separate untrusted root → stranger."""
    root = make(_name("eISO Test Root CA", "eISO test"), ca=True)
    intermediate = make(
        _name("eISO Test Issuing CA", "eISO test"),
        issuer=root,
        ca=True,
        crl_url=crl_url.replace("issuing", "root"),
    )
    person = None
    if person_public_key is not None:
        person = make(
            _name("Nguyễn Văn Giám Đốc", agency_name),
            issuer=intermediate,
            crl_url=crl_url,
            public_key=person_public_key,
        )
    revoked = make(_name("Trần Thị Đã Thu Hồi", agency_name), issuer=intermediate, crl_url=crl_url)
    stranger_root = make(_name("Untrusted Root", "Nobody"), ca=True)
    return LocalPki(
        root=root,
        intermediate=intermediate,
        agency=make(_name(agency_name, agency_name), issuer=intermediate, crl_url=crl_url),
        person_on_token=person,
        revoked=revoked,
        stranger_root=stranger_root,
        stranger=make(_name("Kẻ Giả Mạo", "Nobody"), issuer=stranger_root),
        tsa=make(_name("eISO Test Timestamping", "eISO test"), issuer=intermediate, timestamping=True),
        crl_der=crl(intermediate, [revoked]),
        crl_url=crl_url,
    )


def root_crl(pki: LocalPki) -> bytes:
    """An empty CRL of the root (for the intermediate's revocation check)."""
    return crl(pki.root)


def der(issued: Issued) -> asn1_x509.Certificate:
    """The certificate as asn1crypto reads it (what pyHanko takes)."""
    return asn1_x509.Certificate.load(issued.cert.public_bytes(serialization.Encoding.DER))


@dataclass
class SoftToken:
    """A SoftHSM2 token initialised in a directory of its own."""

    lib: str
    label: str
    pin: str
    conf: Path


def init_softhsm_token(directory: Path, *, label: str, pin: str, so_pin: str) -> SoftToken:
    """Write a SoftHSM2 config under `directory`, point SOFTHSM2_CONF at it and create one token."""
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(  # noqa: S603
        [SOFTHSM_UTIL, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", so_pin],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )
    return SoftToken(SOFTHSM_LIB, label, pin, conf)


def token_keypair(token: SoftToken, *, key_label: str) -> rsa.RSAPublicKey:
    """Generate an RSA key pair on the token (the private key never leaves it); return the public key."""
    import pkcs11
    from pkcs11 import Attribute, KeyType

    lib = pkcs11.lib(token.lib)
    with lib.get_token(token_label=token.label).open(rw=True, user_pin=token.pin) as session:
        public, _ = session.generate_keypair(KeyType.RSA, 2048, label=key_label, id=b"\x01", store=True)
        n = int.from_bytes(public[Attribute.MODULUS], "big")
        e = int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big")
    return rsa.RSAPublicNumbers(e, n).public_key()


def token_store_certificate(token: SoftToken, *, key_label: str, cert: x509.Certificate) -> None:
    """Put the person's certificate on the token next to the key, as a CA does when it issues a token."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    lib = pkcs11.lib(token.lib)
    with lib.get_token(token_label=token.label).open(rw=True, user_pin=token.pin) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: key_label,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )


def sample_signature_png() -> bytes:
    """A blue hand-like stroke on a transparent ground (Decree 30: the signature image is blue)."""
    import math

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + x * 5.2, 130 - 60 * math.sin(x / 9) * math.exp(-x / 160) - x * 0.25) for x in range(100)]
    draw.line(points, fill=(20, 40, 180, 255), width=7, joint="curve")
    draw.line([(120, 190), (520, 150)], fill=(20, 40, 180, 255), width=5)
    return _png(image)


def sample_seal_png() -> bytes:
    """A red round seal on a transparent ground (Decree 30: the seal image is red, its real size)."""
    from PIL import Image, ImageDraw

    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 20, 230)
    draw.ellipse((8, 8, size - 8, size - 8), outline=red, width=14)
    draw.ellipse((70, 70, size - 70, size - 70), outline=red, width=6)
    c = size / 2
    star = [(c, c - 60), (c + 18, c - 18), (c + 60, c - 18), (c + 26, c + 10), (c + 38, c + 55)]
    star += [(c, c + 28), (c - 38, c + 55), (c - 26, c + 10), (c - 60, c - 18), (c - 18, c - 18)]
    draw.polygon(star, fill=red)
    return _png(image)


def _png(image: object) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, format="PNG")  # type: ignore[attr-defined]
    return out.getvalue()


def dummy_timestamper(pki: LocalPki) -> object:
    """An RFC 3161 timestamper in-process (pyHanko's test TSA) with a certificate from the local CA."""
    from asn1crypto import keys
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    assert pki.tsa.key is not None  # noqa: S101
    key = keys.PrivateKeyInfo.load(
        pki.tsa.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    embed = SimpleCertificateStore.from_certs([der(pki.intermediate)])
    return DummyTimeStamper(tsa_cert=der(pki.tsa), tsa_key=key, certs_to_embed=embed)
