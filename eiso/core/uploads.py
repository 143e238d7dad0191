"""The one upload validator: every file a user sends goes through `upload_validate` before it is kept.

A purpose (`DOCUMENT`, `EVIDENCE`, `IMPORT`, `IMAGE`, `SIGNING_KEY`, `TRUSTED_CERTIFICATE`) names the kinds
it accepts and its size limit. The kind
is sniffed from the content, never taken from the name or the browser's Content-Type, and the name's
extension must agree with it. ZIP-based formats (DOCX, XLSX) are checked from the archive's central
directory before any member is decompressed: member count, total uncompressed size and compression ratio.
Python's zipfile stops at the declared size of a member, so a member cannot inflate past what was checked.
HTML, SVG, scripts and executables match no kind and are refused.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MiB = 1024 * 1024

PDF, DOCX, XLSX, CSV, PNG, JPEG = "pdf", "docx", "xlsx", "csv", "png", "jpeg"
KEYSTORE, CERTIFICATE = "p12", "certificate"
EXTENSIONS = {
    PDF: {"pdf"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    CSV: {"csv"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg"},
    KEYSTORE: {"p12", "pfx"},
    CERTIFICATE: {"cer", "crt", "pem", "der"},
}
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
    PNG: "image/png",
    JPEG: "image/jpeg",
    KEYSTORE: "application/x-pkcs12",
    CERTIFICATE: "application/pkix-cert",
}
TEXT_SNIFF_BYTES = 64 * 1024
MARKUP_STARTS = (b"<", b"\xef\xbb\xbf<")
PEM_CERTIFICATE = b"-----BEGIN CERTIFICATE-----"
# PFX: SEQUENCE { INTEGER 3, ContentInfo { OID pkcs7-data (1.2.840.113549.1.7.1) ... } } (RFC 7292 §4)
PKCS12_VERSION = b"\x02\x01\x03\x30"
PKCS7_DATA_OID = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01"


@dataclass(frozen=True)
class Purpose:
    """What an upload is for: the kinds accepted and the largest file."""

    name: str
    kinds: frozenset[str]
    max_bytes: int


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds checked on a ZIP's central directory before any member is opened."""

    max_members: int = 2000
    max_uncompressed: int = 200 * MiB
    max_member: int = 100 * MiB
    max_ratio: int = 200
    # Read whole into memory by openpyxl, unlike the sheets it streams.
    whole_members: tuple[str, ...] = ("xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml")
    max_whole_member: int = 16 * MiB


@dataclass(frozen=True)
class UploadInfo:
    kind: str
    size: int
    sha256: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def purpose(name: str) -> Purpose:
    purposes = {
        "document": Purpose("document", frozenset({PDF, DOCX}), _setting("EISO_MAX_UPLOAD_BYTES", 20 * MiB)),
        "evidence": Purpose(
            "evidence", frozenset({PDF, DOCX, XLSX, PNG, JPEG}), _setting("EISO_MAX_EVIDENCE_BYTES", 10 * MiB)
        ),
        "import": Purpose("import", frozenset({CSV, XLSX}), _setting("EISO_MAX_IMPORT_BYTES", 100 * MiB)),
        "image": Purpose("image", frozenset({PNG, JPEG}), _setting("EISO_MAX_IMAGE_BYTES", 2 * MiB)),
        "keystore": Purpose("keystore", frozenset({KEYSTORE}), 256 * 1024),
        "certificate": Purpose("certificate", frozenset({CERTIFICATE}), TEXT_SNIFF_BYTES),
    }
    return purposes[name]


DOCUMENT, EVIDENCE, IMPORT, IMAGE = "document", "evidence", "import", "image"
SIGNING_KEY, TRUSTED_CERTIFICATE = "keystore", "certificate"


def archive_check(file: IO[bytes], limits: ArchiveLimits | None = None) -> set[str]:
    """The member names of a ZIP within `limits`, read from its directory only; ValidationError otherwise."""
    limits = limits or ArchiveLimits()
    position = file.tell()
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(_("Tệp nén bị hỏng, không đọc được."), code="bad_archive") from exc
    finally:
        file.seek(position)
    if len(members) > limits.max_members:
        raise ValidationError(_("Tệp nén có quá nhiều thành phần."), code="archive_members")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        largest = limits.max_whole_member if member.filename in limits.whole_members else limits.max_member
        if member.file_size > largest or total > limits.max_uncompressed or ratio > limits.max_ratio:
            raise ValidationError(
                _("Tệp nén giải nén ra quá lớn ({size}); có thể là tệp độc hại.").format(
                    size=filesizeformat(max(total, member.file_size))
                ),
                code="archive_bomb",
            )
    return {m.filename for m in members}


def sniff(file: IO[bytes]) -> str | None:
    """The kind of the content, or None when it is none of the accepted kinds."""
    position = file.tell()
    head = file.read(TEXT_SNIFF_BYTES)
    file.seek(position)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        names = archive_check(file)
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    if head.lstrip().startswith(PEM_CERTIFICATE) or _is_der_certificate(head):
        return CERTIFICATE
    if _is_pkcs12(head):
        return KEYSTORE
    return CSV if _is_plain_text(head) else None


def _is_pkcs12(head: bytes) -> bool:
    """A DER SEQUENCE whose first element is version 3 followed by a pkcs7-data ContentInfo."""
    if not head.startswith(b"\x30"):
        return False
    start = head.find(PKCS12_VERSION, 0, 8)
    return start != -1 and PKCS7_DATA_OID in head[start : start + 24]


def _is_der_certificate(head: bytes) -> bool:
    """A whole X.509 certificate in DER (certificates are far smaller than the sniffed sample)."""
    if not head.startswith(b"\x30\x82"):
        return False
    from cryptography import x509

    try:
        x509.load_der_x509_certificate(head)
    except ValueError:
        return False
    return True


def _is_plain_text(head: bytes) -> bool:
    if not head or b"\x00" in head or head.lstrip().startswith(MARKUP_STARTS):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is fine
            return False
    return True


def upload_validate(file: Any, *, purpose_name: str) -> UploadInfo:
    """Accept `file` for `purpose_name` or raise a translated ValidationError; the file is left at 0."""
    wanted = purpose(purpose_name)
    size = int(getattr(file, "size", 0) or 0)
    if size > wanted.max_bytes:
        raise ValidationError(
            _("Tệp quá lớn ({size}); dung lượng tối đa là {limit}.").format(
                size=filesizeformat(size), limit=filesizeformat(wanted.max_bytes)
            ),
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    file.seek(0)
    kind = sniff(file)
    allowed = ", ".join(sorted(k.upper() for k in wanted.kinds))
    if kind is None or kind not in wanted.kinds:
        raise ValidationError(
            _("Loại tệp không được nhận; chỉ nhận: {allowed}.").format(allowed=allowed), code="kind"
        )
    name = str(getattr(file, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("Phần mở rộng .{extension} không khớp với nội dung tệp ({kind}).").format(
                extension=extension, kind=kind.upper()
            ),
            code="extension",
        )
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
    file.seek(0)
    return UploadInfo(kind=kind, size=size, sha256=digest.hexdigest())


def form_clean(file: Any, purpose_name: str) -> Any:
    """For a form's clean_<field>(): validate a submitted file (None passes through)."""
    if file:
        upload_validate(file, purpose_name=purpose_name)
    return file
