"""Writes of the signatures module: the agency's setup, people's tokens, trust anchors, signing what the
agency issues (`signed_issue_pdf`) and verifying what it receives (`verify_upload`)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from eiso.core.models import Agency, Person
from eiso.core.services import event_record
from eiso.signatures.choices import VerificationStatus
from eiso.signatures.models import PersonToken, SignedFile, SigningSetup, TrustAnchor, Verification
from eiso.signatures.secrets import open_pin, seal_pin

# pyHanko (with aiohttp, fontTools and Pillow behind it) costs about half a second of CPU to import: `pdfsign`
# is imported by the functions that sign or read certificates, not by every process that loads the URLs.
if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

    from eiso.signatures import pdfsign

PDF_MAGIC = b"%PDF-"
TOKEN_PIN_FIELD = "token_pin"  # noqa: S105 - the name of the form field, not a PIN


def _setup(agency: Agency) -> SigningSetup:
    setup, _created = SigningSetup.objects.get_or_create(agency=agency)
    return setup


def _check_png(data: bytes, field: str) -> None:
    """A PNG with transparency (Decree 30 asks for signature and seal images on a transparent ground)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.verify()
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError({field: _("Tệp không phải ảnh PNG hợp lệ.")}) from exc
    if image.format != "PNG" or not (image.mode in ("RGBA", "LA") or "transparency" in image.info):
        raise ValidationError({field: _("Ảnh phải là PNG có nền trong suốt.")})


@transaction.atomic
def setup_agency_key(*, agency: Agency, p12: bytes, pin: str, actor: Person | None) -> SigningSetup:
    """Store the agency's PKCS#12 and its PIN (encrypted); refuse a file the PIN does not open."""
    from eiso.signatures import pdfsign

    try:
        signer = pdfsign.p12_signer(p12, pin)
    except Exception as exc:  # wrong PIN or not a PKCS#12: never echo the PIN
        raise ValidationError({"p12": _("Không mở được tệp PKCS#12 với mã PIN đã nhập.")}) from exc
    cert = signer.signing_cert
    if cert is None:
        raise ValidationError({"p12": _("Không mở được tệp PKCS#12 với mã PIN đã nhập.")})
    setup = _setup(agency)
    setup.p12 = p12
    setup.p12_pin_encrypted = seal_pin(pin)
    setup.certificate_subject = cert.subject.human_friendly[:300]
    setup.certificate_issuer = cert.issuer.human_friendly[:300]
    setup.certificate_not_after = cert.not_valid_after
    setup.save(
        update_fields=[
            "p12",
            "p12_pin_encrypted",
            "certificate_subject",
            "certificate_issuer",
            "certificate_not_after",
            "updated_at",
        ]
    )
    event_record(agency=agency, actor=actor, verb="signatures.agency_key_set", target=setup)
    return setup


@transaction.atomic
def setup_seal(*, agency: Agency, seal_png: bytes, actor: Person | None) -> SigningSetup:
    _check_png(seal_png, "seal_png")
    setup = _setup(agency)
    setup.seal_png = seal_png
    setup.save(update_fields=["seal_png", "updated_at"])
    event_record(agency=agency, actor=actor, verb="signatures.seal_set", target=setup)
    return setup


@transaction.atomic
def setup_tsa(*, agency: Agency, tsa_url: str, actor: Person | None) -> SigningSetup:
    """The RFC 3161 timestamp server, reached over HTTP(S); empty for none. An address that is no web
    address is refused here, not when the next document is issued and its signature fails."""
    if tsa_url:
        try:
            URLValidator(schemes=["http", "https"])(tsa_url)
        except ValidationError as exc:
            raise ValidationError({"tsa_url": exc.messages}) from exc
    setup = _setup(agency)
    setup.tsa_url = tsa_url
    setup.save(update_fields=["tsa_url", "updated_at"])
    event_record(agency=agency, actor=actor, verb="signatures.tsa_set", target=setup, data={"url": tsa_url})
    return setup


def _certificate(pem: str, field: str) -> asn1_x509.Certificate:
    from eiso.signatures import pdfsign

    try:
        certs = pdfsign.load_certificates(pem.encode())
    except Exception as exc:
        raise ValidationError({field: _("Chứng thư số không đọc được (PEM hoặc DER).")}) from exc
    if not certs:
        raise ValidationError({field: _("Chứng thư số không đọc được (PEM hoặc DER).")})
    return certs[0]


@transaction.atomic
def token_register(
    *,
    agency: Agency,
    person: Person,
    certificate_pem: str,
    pkcs11_lib: str = "",
    token_label: str = "",
    key_label: str = "",
    signature_png: bytes | None = None,
    actor: Person | None,
) -> PersonToken:
    """Register a person's token certificate (and signature image); the PIN is never stored."""
    if person.agency_id != agency.pk:
        raise ValidationError(_("Người ký không thuộc cơ quan này."))
    cert = _certificate(certificate_pem, "certificate_pem")
    if signature_png:
        _check_png(signature_png, "signature_png")
    token, _created = PersonToken.objects.get_or_create(agency=agency, person=person)
    token.certificate_pem = certificate_pem
    token.certificate_subject = cert.subject.human_friendly[:300]
    token.certificate_not_after = cert.not_valid_after
    token.pkcs11_lib = pkcs11_lib
    token.token_label = token_label
    token.key_label = key_label
    fields = ["certificate_pem", "certificate_subject", "certificate_not_after", "pkcs11_lib"]
    fields += ["token_label", "key_label", "updated_at"]
    if signature_png:
        token.signature_png = signature_png
        fields.append("signature_png")
    token.save(update_fields=fields)
    event_record(agency=agency, actor=actor, verb="signatures.token_registered", target=token)
    return token


@transaction.atomic
def trust_anchor_add(
    *, agency: Agency, certificate_pem: str, actor: Person | None, name: str = ""
) -> TrustAnchor:
    from eiso.signatures import pdfsign

    cert = _certificate(certificate_pem, "certificate_pem")
    if not cert.ca:
        raise ValidationError({"certificate_pem": _("Chứng thư này không phải của một tổ chức cấp (CA).")})
    sha = hashlib.sha256(cert.dump()).hexdigest()
    anchor, _created = TrustAnchor.objects.get_or_create(
        agency=agency,
        sha256=sha,
        defaults={"name": name or pdfsign.certificate_name(cert), "certificate_pem": certificate_pem},
    )
    event_record(agency=agency, actor=actor, verb="signatures.trust_anchor_added", target=anchor)
    return anchor


def trust_roots(agency: Agency, extra: Iterable[asn1_x509.Certificate] = ()) -> list[asn1_x509.Certificate]:
    from eiso.signatures import pdfsign

    roots = list(extra)
    for pem in TrustAnchor.objects.filter(agency=agency).values_list("certificate_pem", flat=True):
        roots.extend(pdfsign.load_certificates(pem.encode()))
    return roots


def agency_key(setup: SigningSetup) -> pdfsign.SigningKey:
    """The agency's signer, the PIN decrypted only for this call."""
    from eiso.signatures import pdfsign

    return pdfsign.SigningKey(pdfsign.p12_signer(bytes(setup.p12), open_pin(bytes(setup.p12_pin_encrypted))))


@sensitive_variables("pin")
def token_key(
    *, lib: str, token_label: str, key_label: str, pin: str, chain_pem: str = ""
) -> pdfsign.SigningKey:
    """A signer on a PKCS#11 token (an official's USB token; SoftHSM2 in tests); `chain_pem` holds the
    CA certificates to embed when the token carries only the signer's own certificate. Close it with
    `close_key` once signed."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    from eiso.signatures import pdfsign

    session = open_pkcs11_session(lib, token_criteria=TokenCriteria(label=token_label), user_pin=pin)
    chain = pdfsign.load_certificates(chain_pem.encode()) if chain_pem else []
    return pdfsign.SigningKey(PKCS11Signer(session, key_label=key_label, cert_label=key_label), chain)


def close_key(key: pdfsign.SigningKey | None) -> None:
    """Log out of a token once its signature is made (a PKCS#12 key holds no session)."""
    session = getattr(key.signer, "pkcs11_session", None) if key is not None else None
    if session is not None:
        session.close()


def signing_token(agency: Agency, signer: Person | None) -> PersonToken | None:
    """The signer's token when issuing signs with it: the agency has its signing key and the signer a
    registered token (certificate, PKCS#11 library and key label). The issuing page then asks its PIN."""
    if signer is None or not signing_configured(agency):
        return None
    token = PersonToken.objects.filter(agency=agency, person=signer).first()
    return token if token is not None and token.pkcs11_lib and token.key_label else None


def require_signer_acting(
    *, agency: Agency, signer: Person | None, actor: Person | None, message: str
) -> None:
    """Issuing signs first with the signer's token, whose PIN only the signer types on the page: when the
    signer has a registered token, nobody else may issue. `message` says who must (`{name}`: the signer)."""
    if signer is not None and signing_token(agency, signer) is not None and actor != signer:
        raise ValidationError(message.format(name=signer.full_name), code="signer_only")


def _pin_error(message: str, code: str) -> ValidationError:
    return ValidationError({TOKEN_PIN_FIELD: ValidationError(message, code=code)})


@sensitive_variables("pin")
def open_signing_token(token: PersonToken, pin: str) -> pdfsign.SigningKey:
    """Open the signer's token with the PIN typed on the issuing page; the PIN is used here only, never
    kept, logged nor shown back. A refusal names the PIN field, so the page asks for it again."""
    import pkcs11.exceptions as p11

    name = token.person.full_name
    if not pin:
        message = _("Nhập mã PIN token ký số của {name} để ký văn bản.").format(name=name)
        raise _pin_error(message, "pin_required")
    try:
        return token_key(
            lib=token.pkcs11_lib,
            token_label=token.token_label,
            key_label=token.key_label,
            pin=pin,
            chain_pem=token.certificate_pem,
        )
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise _pin_error(
            _("Mã PIN token ký số không đúng. Văn bản chưa được ban hành; nhập lại mã PIN."), "pin_incorrect"
        ) from None
    except p11.PinLocked:
        raise _pin_error(
            _("Token ký số đã bị khóa vì nhập sai mã PIN nhiều lần. Liên hệ tổ chức cấp chứng thư số."),
            "pin_locked",
        ) from None
    except Exception:  # token absent, library missing: say so, never with the PIN
        raise _pin_error(
            _("Không mở được token ký số của {name}: kiểm tra token đã cắm vào máy chủ ký số.").format(
                name=name
            ),
            "token_unavailable",
        ) from None


def _target_label(target: models.Model) -> str:
    return target._meta.label_lower


def signed_file_for(target: models.Model, kind: str) -> SignedFile | None:
    """The signed PDF kept for an issued record, or None when it was issued unsigned."""
    return SignedFile.objects.filter(
        target_type=_target_label(target), target_id=target.pk, kind=kind
    ).first()


def signing_configured(agency: Agency) -> bool:
    setup = SigningSetup.objects.filter(agency=agency).first()
    return bool(setup and setup.has_key)


@transaction.atomic
def signed_issue_pdf(
    *,
    agency: Agency,
    target: models.Model,
    kind: str,
    file_name: str,
    pdf: bytes,
    signer: Person | None,
    signer_name: str,
    actor: Person | None,
    person_key: pdfsign.SigningKey | None = None,
    person_pin: str | None = None,
    extra_roots: Iterable[asn1_x509.Certificate] = (),
) -> SignedFile | None:
    """Sign what the agency issues: the competent person (when their key is at hand), then the agency.

    `person_pin` is the PIN typed on the issuing page (None when the page does not ask it): when the
    signer has a registered token (`signing_token`) it is required, and the token signs first.
    Returns None when the agency has no signing key: the record is then issued unsigned, as before.
    Once stored, the signed file is what every download serves.
    """
    setup = SigningSetup.objects.filter(agency=agency).first()
    if setup is None or not setup.has_key:
        return None
    existing = signed_file_for(target, kind)
    if existing is not None:
        return existing
    token = PersonToken.objects.filter(person=signer).first() if signer else None
    opened = None
    if person_key is None and person_pin is not None:
        registered = signing_token(agency, signer)
        if registered is not None:
            person_key = opened = open_signing_token(registered, person_pin)
    try:
        return _sign_and_keep(
            agency=agency,
            setup=setup,
            target=target,
            kind=kind,
            file_name=file_name,
            pdf=pdf,
            signer=signer,
            signer_name=signer_name,
            actor=actor,
            person_key=person_key,
            token=token,
            roots=trust_roots(agency, extra_roots),
        )
    finally:
        close_key(opened)


def _sign_and_keep(
    *,
    agency: Agency,
    setup: SigningSetup,
    target: models.Model,
    kind: str,
    file_name: str,
    pdf: bytes,
    signer: Person | None,
    signer_name: str,
    actor: Person | None,
    person_key: pdfsign.SigningKey | None,
    token: PersonToken | None,
    roots: list[asn1_x509.Certificate],
) -> SignedFile:
    from pyhanko.sign.general import SigningError

    from eiso.signatures import pdfsign

    try:
        agency_signer = agency_key(setup)
        if person_key is not None:
            # The person's CA is usually the agency's (the national CA for state bodies): its certificates,
            # carried by the agency's PKCS#12, complete a token that holds only the person's certificate.
            person_key.chain.extend(agency_signer.signer.cert_registry)
        signed, levels = pdfsign.sign_pdf(
            pdf,
            person=person_key,
            person_name=signer_name,
            agency=agency_signer,
            agency_name=agency.name,
            signature_png=bytes(token.signature_png) if token and token.signature_png else None,
            seal_png=bytes(setup.seal_png) if setup.seal_png else None,
            tsa_url=setup.tsa_url,
            context=pdfsign.validation_context(roots, for_signing=True) if roots else None,
        )
    except ValueError as exc:
        raise ValidationError(_("Không ký số được: mã PIN lưu trữ không giải mã được.")) from exc
    except SigningError as exc:
        raise ValidationError(_("Không ký số được: {reason}").format(reason=exc)) from exc
    record = SignedFile.objects.create(
        agency=agency,
        target_type=_target_label(target),
        target_id=target.pk,
        kind=kind,
        file_name=file_name,
        content=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        levels=", ".join(levels),
        signed_by=signer,
        signed_at=timezone.now(),
    )
    event_record(
        agency=agency,
        actor=actor,
        verb="signatures.signed",
        target=target,
        data={"kind": kind, "sha256": record.sha256, "levels": record.levels},
    )
    return record


def verify_bytes(
    agency: Agency, data: bytes, extra_roots: Iterable[asn1_x509.Certificate] = ()
) -> list[dict[str, Any]]:
    from eiso.signatures import pdfsign

    reports = pdfsign.verify_pdf(data, context=pdfsign.validation_context(trust_roots(agency, extra_roots)))
    return [r.as_dict() for r in reports]


def all_valid(signatures: list[dict[str, Any]]) -> bool:
    """Every signature intact, trusted, not revoked and covering the whole document."""
    return all(s["valid"] and s["covers_whole_document"] for s in signatures)


def _status(signatures: list[dict[str, Any]]) -> str:
    if not signatures:
        return VerificationStatus.UNSIGNED
    return VerificationStatus.VALID if all_valid(signatures) else VerificationStatus.INVALID


@transaction.atomic
def verify_upload(
    *,
    agency: Agency,
    data: bytes,
    file_name: str,
    actor: Person | None,
    target: models.Model | None = None,
) -> Verification | None:
    """Check the signatures of an uploaded PDF and keep the result with the record and in its history.

    Returns None for a file that is not a PDF.
    """
    if not data.startswith(PDF_MAGIC):
        return None
    signatures = verify_bytes(agency, data)
    verification = Verification.objects.create(
        agency=agency,
        target_type=_target_label(target) if target is not None else "",
        target_id=target.pk if target is not None else None,
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        status=_status(signatures),
        signatures=signatures,
        checked_by=actor,
    )
    if target is not None:
        event_record(
            agency=agency,
            actor=actor,
            verb=f"signatures.verified.{verification.status}",
            target=target,
            data={"file": verification.file_name, "signatures": len(signatures)},
        )
    return verification
