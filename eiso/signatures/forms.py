from __future__ import annotations

from typing import Any

from django import forms
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from eiso.core.forms import BootstrapFormMixin
from eiso.core.models import Agency, Person
from eiso.core.uploads import (
    DOCUMENT,
    IMAGE,
    PDF,
    SIGNING_KEY,
    TRUSTED_CERTIFICATE,
    form_clean,
    upload_validate,
)
from eiso.signatures.services import TOKEN_PIN_FIELD, signing_token

MAX_FILE = 5 * 1024 * 1024


def _read(file: File[bytes] | None, label: str) -> bytes:
    if file is None:
        return b""
    if (file.size or 0) > MAX_FILE:
        raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
    return bytes(file.read())


class AgencyKeyForm(BootstrapFormMixin, forms.Form):
    p12 = forms.FileField(
        label=_("Chứng thư số của cơ quan (tệp .p12 / .pfx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    pin = forms.CharField(
        label=_("Mã PIN của tệp"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Mã PIN được mã hóa trước khi lưu và không bao giờ hiển thị lại."),
    )

    def clean_p12(self) -> bytes:
        return _read(form_clean(self.cleaned_data.get("p12"), SIGNING_KEY), "p12")


class SealForm(BootstrapFormMixin, forms.Form):
    seal_png = forms.FileField(
        label=_("Hình ảnh con dấu (PNG nền trong suốt, màu đỏ)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".png"}),
    )

    def clean_seal_png(self) -> bytes:
        return _read(form_clean(self.cleaned_data.get("seal_png"), IMAGE), "seal_png")


class TsaForm(BootstrapFormMixin, forms.Form):
    tsa_url = forms.URLField(
        label=_("Máy chủ dấu thời gian (RFC 3161)"),
        required=False,
        assume_scheme="https",
        help_text=_("Để trống: chữ ký không có dấu thời gian (PAdES B-B)."),
    )


class TokenForm(BootstrapFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Người ký"), queryset=Person.objects.none())
    certificate = forms.FileField(
        label=_("Chứng thư số trên token (.cer, .crt, .pem)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".cer,.crt,.pem,.der"}),
    )
    pkcs11_lib = forms.CharField(label=_("Thư viện PKCS#11 của token"), max_length=300, required=False)
    token_label = forms.CharField(label=_("Nhãn token"), max_length=100, required=False)
    key_label = forms.CharField(label=_("Nhãn khóa"), max_length=100, required=False)
    signature_png = forms.FileField(
        label=_("Hình ảnh chữ ký (PNG nền trong suốt, màu xanh)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png"}),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)  # noqa: S101 - declared above
        person.queryset = Person.objects.filter(agency=agency).order_by("full_name")

    def clean_certificate(self) -> str:
        data = _read(form_clean(self.cleaned_data.get("certificate"), TRUSTED_CERTIFICATE), "certificate")
        if data.lstrip().startswith(b"-----BEGIN"):
            return data.decode("ascii", errors="replace")
        import base64

        body = base64.encodebytes(data).decode()
        return f"-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n"

    def clean_signature_png(self) -> bytes:
        return _read(form_clean(self.cleaned_data.get("signature_png"), IMAGE), "signature_png")


class TrustAnchorForm(BootstrapFormMixin, forms.Form):
    certificate = forms.FileField(
        label=_("Chứng thư gốc tin cậy (.cer, .crt, .pem)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".cer,.crt,.pem,.der"}),
    )
    name = forms.CharField(label=_("Tên gọi"), max_length=300, required=False)

    clean_certificate = TokenForm.clean_certificate


class VerifyForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra chữ ký số"), widget=forms.ClearableFileInput(attrs={"accept": ".pdf"})
    )

    def clean_file(self) -> tuple[str, bytes]:
        file = self.cleaned_data.get("file")
        if file and upload_validate(file, purpose_name=DOCUMENT).kind != PDF:
            raise forms.ValidationError(_("Chỉ kiểm tra được chữ ký số trên tệp PDF."), code="kind")
        return getattr(file, "name", "tep.pdf"), _read(file, "file")


class SampleForm(BootstrapFormMixin, forms.Form):
    pin = forms.CharField(
        label=_("Mã PIN token của bạn (nếu muốn ký bằng token)"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


def ask_token_pin(form: forms.BaseForm, *, agency: Agency, signer: Person | None) -> bool:
    """Add the token PIN field to an issuing form when the signer signs with a registered token.

    A password input that never renders a value back: after a refusal the page keeps what was typed in the
    other fields, and the PIN field comes back empty. Returns whether the field was added.
    """
    token = signing_token(agency, signer)
    if token is None:
        return False
    form.fields[TOKEN_PIN_FIELD] = forms.CharField(
        label=_("Mã PIN token ký số của {name}").format(name=token.person.full_name),
        required=False,
        strip=False,
        max_length=64,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "class": "form-control", "spellcheck": "false"}
        ),
        help_text=_("Chỉ dùng để ký số văn bản khi ban hành; mã PIN không được lưu lại."),
    )
    return True
