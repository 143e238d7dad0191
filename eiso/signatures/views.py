"""Setup pages for the ISO secretary and the Director, and a test page that signs and verifies a sample."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from eiso.core.access import AgencyRequest, role_required
from eiso.core.choices import Role
from eiso.core.flow import apply_error
from eiso.core.layout import Paragraph, Signature, StateDocument, render_pdf
from eiso.signatures import forms, selectors, services

SETUP_ROLES = (Role.ISO_SECRETARY, Role.DIRECTOR)


def _setup_page(request: AgencyRequest, **bound: BaseForm) -> HttpResponse:
    agency = request.agency
    context: dict[str, Any] = {
        "setup": selectors.setup_of(agency),
        "tokens": selectors.tokens(agency),
        "anchors": selectors.trust_anchors(agency),
        "key_form": forms.AgencyKeyForm(),
        "seal_form": forms.SealForm(),
        "tsa_form": forms.TsaForm(initial={"tsa_url": getattr(selectors.setup_of(agency), "tsa_url", "")}),
        "token_form": forms.TokenForm(agency=agency),
        "anchor_form": forms.TrustAnchorForm(),
    }
    context.update(bound)
    status = 400 if bound else 200
    return render(request, "signatures/setup.html", context, status=status)


@role_required(*SETUP_ROLES)
def setup(request: AgencyRequest) -> HttpResponse:
    return _setup_page(request)


def _post(request: AgencyRequest, name: str, form: BaseForm, call: Any) -> HttpResponse:
    if request.method != "POST":
        return redirect("signatures:setup")
    if form.is_valid():
        try:
            with transaction.atomic():
                call(form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu cấu hình ký số."))
            return redirect("signatures:setup")
    messages.error(request, _("Vui lòng sửa các lỗi bên dưới."))
    return _setup_page(request, **{name: form})


@sensitive_post_parameters("pin")
@role_required(*SETUP_ROLES)
def setup_key(request: AgencyRequest) -> HttpResponse:
    form = forms.AgencyKeyForm(request.POST or None, request.FILES or None)
    return _post(
        request,
        "key_form",
        form,
        lambda d: services.setup_agency_key(
            agency=request.agency, p12=d["p12"], pin=d["pin"], actor=request.person
        ),
    )


@role_required(*SETUP_ROLES)
def setup_seal(request: AgencyRequest) -> HttpResponse:
    form = forms.SealForm(request.POST or None, request.FILES or None)
    return _post(
        request,
        "seal_form",
        form,
        lambda d: services.setup_seal(agency=request.agency, seal_png=d["seal_png"], actor=request.person),
    )


@role_required(*SETUP_ROLES)
def setup_tsa(request: AgencyRequest) -> HttpResponse:
    form = forms.TsaForm(request.POST or None)
    return _post(
        request,
        "tsa_form",
        form,
        lambda d: services.setup_tsa(agency=request.agency, tsa_url=d["tsa_url"], actor=request.person),
    )


@role_required(*SETUP_ROLES)
def setup_token(request: AgencyRequest) -> HttpResponse:
    form = forms.TokenForm(request.POST or None, request.FILES or None, agency=request.agency)
    return _post(
        request,
        "token_form",
        form,
        lambda d: services.token_register(
            agency=request.agency,
            person=d["person"],
            certificate_pem=d["certificate"],
            pkcs11_lib=d["pkcs11_lib"],
            token_label=d["token_label"],
            key_label=d["key_label"],
            signature_png=d["signature_png"] or None,
            actor=request.person,
        ),
    )


@role_required(*SETUP_ROLES)
def setup_anchor(request: AgencyRequest) -> HttpResponse:
    form = forms.TrustAnchorForm(request.POST or None, request.FILES or None)
    return _post(
        request,
        "anchor_form",
        form,
        lambda d: services.trust_anchor_add(
            agency=request.agency, certificate_pem=d["certificate"], name=d["name"], actor=request.person
        ),
    )


def _sample_pdf(request: AgencyRequest) -> bytes:
    name = request.person.full_name if request.person else ""
    doc = StateDocument(
        agency=request.agency,
        type_code="TB",
        number="01",
        doc_type_name="THÔNG BÁO",
        summary="Văn bản mẫu kiểm tra chữ ký số",
        issued_on=timezone.localdate(),
        blocks=[Paragraph("Văn bản này được tạo để kiểm tra cấu hình ký số của cơ quan.")],
        signatures=[Signature(position="GIÁM ĐỐC", name=name)],
    )
    return render_pdf(doc)


@sensitive_post_parameters("pin")
@role_required(*SETUP_ROLES)
def test_page(request: AgencyRequest) -> HttpResponse:
    """Sign a sample with the configured keys and verify it; or verify an uploaded PDF."""
    sample_form = forms.SampleForm(request.POST if request.POST.get("act") == "sample" else None)
    verify_form = forms.VerifyForm(
        request.POST if request.POST.get("act") == "verify" else None,
        request.FILES if request.POST.get("act") == "verify" else None,
    )
    context: dict[str, Any] = {"sample_form": sample_form, "verify_form": verify_form, "result": None}
    if request.method == "POST" and request.POST.get("act") == "sample" and sample_form.is_valid():
        try:
            signed, levels = _sign_sample(request, sample_form.cleaned_data["pin"])
        except ValidationError as exc:
            apply_error(sample_form, exc)
        else:
            if request.POST.get("download"):
                response = HttpResponse(signed, content_type="application/pdf")
                response["Content-Disposition"] = 'attachment; filename="van-ban-mau-da-ky.pdf"'
                return response
            context["result"] = services.verify_bytes(request.agency, signed)
            context["levels"] = levels
    elif request.method == "POST" and request.POST.get("act") == "verify" and verify_form.is_valid():
        file_name, data = verify_form.cleaned_data["file"]
        verification = services.verify_upload(
            agency=request.agency, data=data, file_name=file_name, actor=request.person
        )
        if verification is None:
            verify_form.add_error("file", _("Tệp không phải PDF."))
        else:
            context["verification"] = verification
            context["result"] = verification.signatures
    if context["result"] is not None:
        context["ok"] = services.all_valid(context["result"])
    return render(request, "signatures/test.html", context)


@sensitive_variables("pin")
def _sign_sample(request: AgencyRequest, pin: str) -> tuple[bytes, list[str]]:
    setup = selectors.setup_of(request.agency)
    if setup is None or not setup.has_key:
        raise ValidationError(_("Chưa tải lên chứng thư số của cơ quan."))
    token = selectors.token_of(request.person)
    person_key = None
    if pin and token and token.pkcs11_lib:
        person_key = services.open_signing_token(token, pin)
    roots = services.trust_roots(request.agency)
    from eiso.signatures import pdfsign  # pyHanko: imported when a sample is signed, not at start-up

    try:
        return pdfsign.sign_pdf(
            _sample_pdf(request),
            person=person_key,
            person_name=request.person.full_name if request.person else "",
            agency=services.agency_key(setup),
            agency_name=request.agency.name,
            signature_png=bytes(token.signature_png) if token and token.signature_png else None,
            seal_png=bytes(setup.seal_png) if setup.seal_png else None,
            tsa_url=setup.tsa_url,
            context=pdfsign.validation_context(roots, for_signing=True) if roots else None,
        )
    finally:
        services.close_key(person_key)
