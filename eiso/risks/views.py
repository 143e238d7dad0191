from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.flow import refuse, run_action, run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.risks import forms, permissions, selectors, services
from eiso.risks.choices import RiskLevel
from eiso.risks.filters import RiskFilter
from eiso.risks.models import Risk, RiskAction
from eiso.risks.tables import EXPORT_COLUMNS, RiskTable


@agency_required
def risk_list(request: AgencyRequest) -> HttpResponse:
    filters = RiskFilter(
        request.GET or None, selectors.risk_list(agency=request.agency), agency=request.agency
    )
    person = actor(request)
    context = {
        "filter": filters,
        "summary": selectors.risk_summary(agency=request.agency, as_of=timezone.localdate()),
        "can_edit": permissions.can_register(person),
        "can_edit_scale": permissions.can_edit_scale(person),
        "scale": selectors.scale_of(request.agency),
    }
    return list_response(
        request,
        table=RiskTable(filters.qs),
        columns=EXPORT_COLUMNS,
        filename="so-rui-ro",
        title=gettext_lazy("Rủi ro và cơ hội"),
        template="risks/risk_list.html",
        context=context,
    )


def _form_page(request: AgencyRequest, title: str, **extra: Any) -> Callable[[Form], HttpResponse]:
    return lambda form: render(request, "audits/form.html", {"form": form, "title": title, **extra})


def _detail_url(risk: Risk) -> str:
    return reverse("risks:detail", kwargs={"pk": risk.pk})


@role_required(*permissions.EDITORS)
def risk_create(request: AgencyRequest) -> HttpResponse:
    form = forms.RiskForm(
        request.POST or None,
        agency=request.agency,
        scale=selectors.scale_of(request.agency),
        initial={"identified_on": timezone.localdate()},
    )
    return run_form(
        request,
        form,
        lambda data: services.risk_register(agency=request.agency, actor=request.person, **data),
        page=_form_page(request, _("Nhận diện rủi ro, cơ hội")),
        success_url=_detail_url,
    )


def _risk(request: AgencyRequest, pk: int) -> Risk:
    return get_for_agency_or_404(
        Risk.objects.select_related("process", "procedure", "division", "owner", "agency"),
        request.agency,
        pk=pk,
    )


@role_required(*permissions.EDITORS)
def risk_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    if not permissions.can_edit(actor(request), risk):
        return refuse(request, _("Rủi ro đã kết thúc hoặc đã hủy, không thể sửa."), _detail_url(risk))
    form = forms.RiskForm(
        request.POST or None,
        agency=request.agency,
        scale=selectors.scale_of(request.agency),
        initial=forms.risk_initial(risk),
    )
    return run_form(
        request,
        form,
        lambda data: services.risk_update(risk=risk, actor=request.person, **data),
        page=_form_page(
            request,
            _("Sửa rủi ro, cơ hội {code}").format(code=risk.code),
            back=_detail_url(risk),
            cancel_form=forms.ReasonForm(),
            cancel_url=reverse("risks:cancel", kwargs={"pk": risk.pk}),
        ),
        success_url=_detail_url(risk),
        success_message=_("Đã lưu rủi ro, cơ hội."),
    )


@role_required(*permissions.EDITORS)
@require_POST
def risk_cancel(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    return run_form(
        request,
        forms.ReasonForm(request.POST),
        lambda data: services.risk_cancel(risk=risk, actor=request.person, on=timezone.localdate(), **data),
        page=lambda form: _detail_page(request, risk, cancel_form=form),
        success_url=_detail_url(risk),
        success_message=_("Đã hủy rủi ro, cơ hội."),
    )


def _detail_page(request: AgencyRequest, risk: Risk, **forms_: Form) -> HttpResponse:
    scale = selectors.scale_of(request.agency)
    person = actor(request)
    actions = list(selectors.risk_actions(risk=risk))
    context = {
        "risk": risk,
        "level": scale.level_of(risk.score),
        "level_label": RiskLevel(scale.level_of(risk.score)).label,
        "likelihood_label": scale.likelihood_labels[risk.likelihood - 1]
        if risk.likelihood <= len(scale.likelihood_labels)
        else "",
        "impact_label": scale.impact_labels[risk.impact - 1]
        if risk.impact <= len(scale.impact_labels)
        else "",
        "actions": actions,
        "can_edit": permissions.can_edit(person, risk),
        "can_cancel": permissions.can_cancel(person, risk),
        "can_register": permissions.can_register(person),
        "can_mark_done": {a.pk for a in actions if permissions.can_mark_done(person, a)},
        "reassess_form": forms_.get("reassess_form")
        or forms.ReassessForm(
            scale=scale,
            initial={"likelihood": risk.likelihood, "impact": risk.impact, "review_on": risk.review_on},
        ),
        "action_form": forms_.get("action_form") or forms.RiskActionForm(agency=request.agency),
        "review_form": forms_.get("review_form") or forms.ReviewForm(initial={"on": timezone.localdate()}),
        "cancel_form": forms_.get("cancel_form") or forms.ReasonForm(),
    }
    return render(request, "risks/risk_detail.html", context)


@agency_required
def risk_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _risk(request, pk))


def _run(
    request: AgencyRequest, risk: Risk, form: Form, name: str, call: Callable[[dict[str, Any]], Any], ok: str
) -> HttpResponse:
    return run_form(
        request,
        form,
        call,
        page=lambda bound: _detail_page(request, risk, **{name: bound}),
        success_url=_detail_url(risk),
        success_message=ok,
    )


@role_required(*permissions.EDITORS)
@require_POST
def risk_reassess(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    form = forms.ReassessForm(request.POST, scale=selectors.scale_of(request.agency))

    def call(data: dict[str, Any]) -> None:
        services.risk_reassess(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "reassess_form", call, _("Đã đánh giá lại rủi ro."))


@role_required(*permissions.EDITORS)
@require_POST
def action_add(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    form = forms.RiskActionForm(request.POST, agency=request.agency)

    def call(data: dict[str, Any]) -> None:
        services.risk_action_add(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "action_form", call, _("Đã thêm biện pháp xử lý."))


@role_required(*permissions.DOERS)
@require_POST
def action_done(request: AgencyRequest, pk: int) -> HttpResponse:
    action = get_for_agency_or_404(RiskAction.objects.select_related("risk"), request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.risk_action_done(action=action, actor=request.person, on=timezone.localdate()),
        success_url=reverse("risks:detail", kwargs={"pk": action.risk_id}),
        success_message=_("Đã ghi nhận hoàn thành."),
    )


@role_required(*permissions.EDITORS)
@require_POST
def risk_review(request: AgencyRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    form = forms.ReviewForm(request.POST)

    def call(data: dict[str, Any]) -> None:
        services.risk_review(risk=risk, actor=request.person, **data)

    return _run(request, risk, form, "review_form", call, _("Đã ghi đánh giá hiệu lực."))


@role_required(*permissions.SCALE_EDITORS)
def scale_edit(request: AgencyRequest) -> HttpResponse:
    scale = selectors.scale_of(request.agency)
    initial = {
        "likelihood_labels": "\n".join(scale.likelihood_labels),
        "impact_labels": "\n".join(scale.impact_labels),
        "medium_from": scale.medium_from,
        "high_from": scale.high_from,
    }
    return run_form(
        request,
        forms.ScaleForm(request.POST or None, initial=initial),
        lambda data: services.risk_scale_update(agency=request.agency, actor=request.person, **data),
        page=_form_page(request, _("Thang đánh giá rủi ro")),
        success_url=reverse("risks:list"),
        success_message=_("Đã lưu thang đánh giá rủi ro."),
    )
