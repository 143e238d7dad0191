from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import Role
from eiso.core.flow import apply_error, form_action
from eiso.risks import forms, selectors, services
from eiso.risks.choices import RiskKind, RiskLevel
from eiso.risks.models import Risk, RiskAction

EDITORS = (Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.DIVISION_HEAD)


@agency_required
def risk_list(request: AgencyRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    level = request.GET.get("level", "")
    kind = kind if kind in RiskKind.values else ""
    level = level if level in RiskLevel.values else ""
    queryset = selectors.risk_list(agency=request.agency, kind=kind, level=level)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": RiskKind.choices,
        "levels": RiskLevel.choices,
        "kind": kind,
        "level": level,
        "query": f"kind={kind}&level={level}",
        "summary": selectors.risk_summary(agency=request.agency, as_of=timezone.localdate()),
        "can_edit": can_act(request, *EDITORS),
        "scale": selectors.scale_of(request.agency),
    }
    return render(request, "risks/risk_list.html", context)


@role_required(*EDITORS)
def risk_create(request: AgencyRequest) -> HttpResponse:
    scale = selectors.scale_of(request.agency)
    form = forms.RiskForm(
        request.POST or None,
        agency=request.agency,
        scale=scale,
        initial={"identified_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_register(agency=request.agency, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            return redirect("risks:detail", pk=risk.pk)
    return render(request, "audits/form.html", {"form": form, "title": _("Nhận diện rủi ro, cơ hội")})


def _context(request: AgencyRequest, risk: Risk, **forms_: Any) -> dict[str, Any]:
    scale = selectors.scale_of(request.agency)
    return {
        "risk": risk,
        "level": scale.level_of(risk.score),
        "level_label": RiskLevel(scale.level_of(risk.score)).label,
        "likelihood_label": scale.likelihood_labels[risk.likelihood - 1]
        if risk.likelihood <= len(scale.likelihood_labels)
        else "",
        "impact_label": scale.impact_labels[risk.impact - 1]
        if risk.impact <= len(scale.impact_labels)
        else "",
        "actions": selectors.risk_actions(risk=risk),
        "can_edit": can_act(request, *EDITORS),
        "reassess_form": forms_.get("reassess_form")
        or forms.ReassessForm(
            scale=scale,
            initial={"likelihood": risk.likelihood, "impact": risk.impact, "review_on": risk.review_on},
        ),
        "action_form": forms_.get("action_form") or forms.RiskActionForm(agency=request.agency),
        "review_form": forms_.get("review_form") or forms.ReviewForm(initial={"on": timezone.localdate()}),
    }


@agency_required
def risk_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = get_for_agency_or_404(
        Risk.objects.select_related("process", "procedure", "division", "owner"), request.agency, pk=pk
    )
    return render(request, "risks/risk_detail.html", _context(request, risk))


def _run(request: AgencyRequest, risk: Risk, form: Form, name: str, call: Any, ok: str) -> HttpResponse:
    return form_action(
        request,
        form,
        call,
        success_message=ok,
        success_url=reverse("risks:detail", kwargs={"pk": risk.pk}),
        invalid_page=lambda: render(
            request, "risks/risk_detail.html", _context(request, risk, **{name: form})
        ),
    )


@role_required(*EDITORS)
@require_POST
def risk_reassess(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = get_for_agency_or_404(Risk, request.agency, pk=pk)
    form = forms.ReassessForm(request.POST, scale=selectors.scale_of(request.agency))

    def call(data: dict[str, Any]) -> None:
        services.risk_reassess(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "reassess_form", call, _("Đã đánh giá lại rủi ro."))


@role_required(*EDITORS)
@require_POST
def action_add(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = get_for_agency_or_404(Risk, request.agency, pk=pk)
    form = forms.RiskActionForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.risk_action_add(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "action_form", call, _("Đã thêm biện pháp xử lý."))


@role_required(*EDITORS, Role.OFFICER)
@require_POST
def action_done(request: AgencyRequest, pk: int) -> HttpResponse:
    action = get_for_agency_or_404(RiskAction.objects.select_related("risk"), request.agency, pk=pk)
    try:
        services.risk_action_done(action=action, actor=request.person, on=timezone.localdate())
        messages.success(request, _("Đã ghi nhận hoàn thành."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("risks:detail", pk=action.risk_id)


@role_required(*EDITORS)
@require_POST
def risk_review(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = get_for_agency_or_404(Risk, request.agency, pk=pk)
    form = forms.ReviewForm(request.POST)

    def call(data: dict[str, Any]) -> None:
        services.risk_review(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "review_form", call, _("Đã ghi đánh giá hiệu lực."))


@role_required(Role.ISO_SECRETARY, Role.DIRECTOR)
def scale_edit(request: AgencyRequest) -> HttpResponse:
    scale = selectors.scale_of(request.agency)
    initial = {
        "likelihood_labels": "\n".join(scale.likelihood_labels),
        "impact_labels": "\n".join(scale.impact_labels),
        "medium_from": scale.medium_from,
        "high_from": scale.high_from,
    }
    form = forms.ScaleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_scale_update(agency=request.agency, actor=request.person, **form.cleaned_data)
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thang đánh giá rủi ro."))
            return redirect("risks:list")
    return render(request, "audits/form.html", {"form": form, "title": _("Thang đánh giá rủi ro")})
