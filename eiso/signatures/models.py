"""Digital signatures: an agency's signing setup, people's tokens, trust anchors, signed files and the
results of verifying uploaded PDFs.

PIN policy: the agency's PKCS#12 PIN is kept only encrypted (Fernet, key derived from SECRET_KEY with
HKDF, see `eiso.signatures.secrets`) so that the server can sign on issue without a person at the
keyboard; a person's token PIN is never stored: it is asked each time the person signs.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eiso.core.models import Agency, Person, TimeStampedModel
from eiso.signatures.choices import VerificationStatus


class SigningSetup(TimeStampedModel):
    """An agency's signing configuration: its certificate (PKCS#12), seal image and timestamp server."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="signing_setup"
    )
    p12 = models.BinaryField(_("tệp chứng thư số (PKCS#12)"), blank=True, default=b"", editable=False)
    p12_pin_encrypted = models.BinaryField(_("mã PIN đã mã hóa"), blank=True, default=b"", editable=False)
    certificate_subject = models.CharField(_("chủ thể chứng thư"), max_length=300, blank=True)
    certificate_issuer = models.CharField(_("tổ chức cấp"), max_length=300, blank=True)
    certificate_not_after = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    seal_png = models.BinaryField(_("hình ảnh con dấu (PNG)"), blank=True, default=b"", editable=False)
    tsa_url = models.URLField(_("máy chủ dấu thời gian (RFC 3161)"), blank=True)
    history = HistoricalRecords(excluded_fields=["p12", "p12_pin_encrypted", "seal_png"])

    class Meta:
        verbose_name = _("cấu hình ký số")
        verbose_name_plural = _("cấu hình ký số")

    def __str__(self) -> str:
        return str(self.agency)

    @property
    def has_key(self) -> bool:
        return bool(self.p12) and bool(self.p12_pin_encrypted)


class PersonToken(TimeStampedModel):
    """A person's signing token (PKCS#11) and signature image; the PIN is asked at signing time."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    person = models.OneToOneField(
        Person, verbose_name=_("người ký"), on_delete=models.CASCADE, related_name="signing_token"
    )
    certificate_pem = models.TextField(_("chứng thư số (PEM)"), blank=True)
    certificate_subject = models.CharField(_("chủ thể chứng thư"), max_length=300, blank=True)
    certificate_not_after = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    pkcs11_lib = models.CharField(_("thư viện PKCS#11"), max_length=300, blank=True)
    token_label = models.CharField(_("nhãn token"), max_length=100, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=100, blank=True)
    signature_png = models.BinaryField(_("hình ảnh chữ ký (PNG)"), blank=True, default=b"", editable=False)
    history = HistoricalRecords(excluded_fields=["signature_png"])

    class Meta:
        verbose_name = _("token ký số cá nhân")
        verbose_name_plural = _("token ký số cá nhân")
        ordering = ["person__full_name"]

    def __str__(self) -> str:
        return str(self.person)


class TrustAnchor(TimeStampedModel):
    """A root CA certificate the administrator trusts (the national root CAs; a local CA in tests)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    name = models.CharField(_("tên"), max_length=300)
    certificate_pem = models.TextField(_("chứng thư gốc (PEM)"))
    sha256 = models.CharField(_("dấu vân tay SHA-256"), max_length=64)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "sha256"], name="trust_anchor_unique")]

    def __str__(self) -> str:
        return self.name


class SignedFile(TimeStampedModel):
    """The signed PDF of an issued record; from then on every download serves it.

    Its bytes and SHA-256 never change: a database trigger refuses any update of them.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    target_type = models.CharField(_("loại đối tượng"), max_length=64)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    kind = models.CharField(_("loại văn bản"), max_length=40)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    content = models.BinaryField(_("nội dung"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    levels = models.CharField(_("mức PAdES"), max_length=40, blank=True)
    signed_by = models.ForeignKey(
        Person, verbose_name=_("người ký"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("ký lúc"))
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = _("tệp đã ký số")
        verbose_name_plural = _("tệp đã ký số")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "kind"], name="signed_file_unique")
        ]

    def __str__(self) -> str:
        return self.file_name


class Verification(TimeStampedModel):
    """The result of verifying the signatures of a PDF (uploaded, or checked on the test page)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE)
    target_type = models.CharField(_("loại đối tượng"), max_length=64, blank=True)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"), null=True, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("kết quả"), max_length=20, choices=VerificationStatus.choices)
    signatures = models.JSONField(_("các chữ ký"), default=list)
    checked_by = models.ForeignKey(
        Person,
        verbose_name=_("người kiểm tra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    agency_path: ClassVar[str] = "agency"

    class Meta:
        verbose_name = _("kết quả kiểm tra chữ ký số")
        verbose_name_plural = _("kết quả kiểm tra chữ ký số")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="verification_target_idx")]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.status}"

    @property
    def is_warning(self) -> bool:
        return self.status == VerificationStatus.INVALID


__all__ = ["PersonToken", "SignedFile", "SigningSetup", "TrustAnchor", "Verification"]
