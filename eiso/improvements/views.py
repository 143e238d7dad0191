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

from eiso.audits.models import Finding
from eiso.audits.selectors import sessions_of
from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import Role
from eiso.core.flow import apply_error, form_action
from eiso.improvements import forms, selectors, services
from eiso.improvements.choices import CarState, NcSource
from eiso.improvements.models import ActionItem, CorrectiveAction, NcProposal, Nonconformity

RAISERS = (Role.ISO_SECRETARY, Role.AUDITOR, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.DIVISION_HEAD)
MANAGERS = (Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR)
STAFF = (*RAISERS, Role.OFFICER)


@agency_required
def car_list(request: AgencyRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    queryset = selectors.corrective_action_list(
        agency=request.agency, state=state if state in CarState.values else ""
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "states": CarState.choices,
        "state": state,
        "query": f"state={state}" if state else "",
    }
    return render(request, "improvements/car_list.html", context)


@agency_required
def nc_list(request: AgencyRequest) -> HttpResponse:
    queryset = selectors.nonconformity_list(agency=request.agency).prefetch_related("corrective_actions")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "improvements/nc_list.html",
        {"page": page, "can_raise": can_act(request, *RAISERS), "can_request": can_act(request, *MANAGERS)},
    )


@role_required(*RAISERS)
def nc_create(request: AgencyRequest) -> HttpResponse:
    finding = None
    finding_id = request.GET.get("finding") or request.POST.get("finding")
    if finding_id:
        finding = get_for_agency_or_404(
            Finding.objects.select_related("division"), request.agency, pk=finding_id
        )
    initial: dict[str, Any] = {"raised_on": timezone.localdate()}
    if finding is not None:
        initial.update(
            source_kind=NcSource.AUDIT_FINDING,
            division=finding.division,
            description=finding.description,
            source_note=str(finding.audit),
        )
    form = forms.NonconformityForm(request.POST or None, agency=request.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.nonconformity_raise(
                agency=request.agency, actor=request.person, finding=finding, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận sự không phù hợp."))
            return redirect("improvements:nc_list")
    return render(request, "improvements/nc_form.html", {"form": form, "finding": finding})


@role_required(*MANAGERS)
@require_POST
def car_request(request: AgencyRequest, pk: int) -> HttpResponse:
    nc = get_for_agency_or_404(Nonconformity, request.agency, pk=pk)
    try:
        car = services.corrective_action_request(
            nonconformity=nc, actor=request.person, on=timezone.localdate()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("improvements:nc_list")
    messages.success(
        request, _("Đã lập phiếu yêu cầu hành động khắc phục {number}.").format(number=car.number)
    )
    return redirect("improvements:car_detail", pk=car.pk)


def _car(request: AgencyRequest, pk: int) -> CorrectiveAction:
    return get_for_agency_or_404(
        CorrectiveAction.objects.select_related(
            "nonconformity__division",
            "nonconformity__finding__audit",
            "requested_by",
            "approved_by",
            "verified_by",
        ),
        request.agency,
        pk=pk,
    )


def _car_context(request: AgencyRequest, car: CorrectiveAction, **forms_: Any) -> dict[str, Any]:
    person = request.person
    writable = not request.read_only
    today = timezone.localdate()
    return {
        "car": car,
        "nc": car.nonconformity,
        "actions": car.actions.select_related("owner"),
        "follow_up": CorrectiveAction.objects.filter(follow_up_of=car).first(),
        "can_plan": writable and car.state in services.PLANNING_STATES and services.can_plan(person, car),
        "can_approve": writable
        and car.state == CarState.AWAITING_APPROVAL
        and services.can_approve(person, car),
        "can_verify": writable and car.state == CarState.VERIFYING and services.can_verify(person),
        "can_cancel": writable
        and car.state in services.OPEN_CAR_STATES
        and person.has_role(Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR),
        "can_do": writable and car.state == CarState.IN_PROGRESS,
        "analysis_form": forms_.get("analysis_form")
        or forms.AnalysisForm(
            initial={
                "root_cause": car.root_cause,
                "whys": "\n".join(car.whys),
                "correction": car.correction,
                "due_on": car.due_on,
                "verify_after": car.verify_after,
            }
        ),
        "action_form": forms_.get("action_form") or forms.ActionItemForm(agency=request.agency),
        "approve_form": forms_.get("approve_form") or forms.NoteForm(),
        "verify_form": forms_.get("verify_form") or forms.VerifyForm(initial={"on": today}),
        "cancel_form": forms_.get("cancel_form") or forms.ReasonForm(),
        "person": person,
    }


@agency_required
def car_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)
    return render(request, "improvements/car_detail.html", _car_context(request, car))


def _run(
    request: AgencyRequest, car: CorrectiveAction, form: Form, name: str, call: Any, ok: str
) -> HttpResponse:
    return form_action(
        request,
        form,
        call,
        success_message=ok,
        success_url=reverse("improvements:car_detail", kwargs={"pk": car.pk}),
        invalid_page=lambda: render(
            request, "improvements/car_detail.html", _car_context(request, car, **{name: form})
        ),
    )


@role_required(*STAFF)
@require_POST
def car_analyse(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        services.corrective_action_analyse(car=car, actor=request.person, **data)

    return _run(request, car, forms.AnalysisForm(request.POST), "analysis_form", call, _("Đã lưu phân tích."))


@role_required(*STAFF)
@require_POST
def action_add(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        services.action_item_add(car=car, actor=request.person, **data)

    form = forms.ActionItemForm(request.POST, agency=request.agency)
    return _run(request, car, form, "action_form", call, _("Đã thêm hành động."))


@role_required(*STAFF)
@require_POST
def car_submit(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        services.corrective_action_submit(car=car, actor=request.person)

    return _run(request, car, forms.NoteForm(request.POST), "approve_form", call, _("Đã trình phê duyệt."))


@role_required(*STAFF)
@require_POST
def car_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        if request.POST.get("decision") == "return":
            services.corrective_action_return(car=car, actor=request.person, note=data["note"])
        else:
            services.corrective_action_approve(
                car=car, actor=request.person, at=timezone.now(), note=data["note"]
            )

    return _run(
        request, car, forms.NoteForm(request.POST), "approve_form", call, _("Đã ghi ý kiến phê duyệt.")
    )


@role_required(*STAFF)
@require_POST
def action_done(request: AgencyRequest, pk: int) -> HttpResponse:
    item = get_for_agency_or_404(
        ActionItem.objects.select_related("corrective_action"), request.agency, pk=pk
    )
    try:
        services.action_item_done(
            item=item, actor=request.person, at=timezone.now(), note=request.POST.get("note", "")
        )
        messages.success(request, _("Đã báo cáo hoàn thành hành động."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("improvements:car_detail", pk=item.corrective_action_id)


@role_required(Role.AUDITOR, Role.ISO_SECRETARY)
@require_POST
def car_verify(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        services.corrective_action_verify(car=car, actor=request.person, **data)

    return _run(
        request, car, forms.VerifyForm(request.POST), "verify_form", call, _("Đã ghi kết quả xác minh.")
    )


@role_required(*MANAGERS)
@require_POST
def car_cancel(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    def call(data: dict[str, Any]) -> None:
        services.corrective_action_cancel(car=car, actor=request.person, **data)

    return _run(request, car, forms.ReasonForm(request.POST), "cancel_form", call, _("Đã hủy phiếu."))


@agency_required
def proposal_list(request: AgencyRequest) -> HttpResponse:
    queryset = selectors.proposal_list(agency=request.agency).prefetch_related("dossiers")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    return render(
        request, "improvements/proposal_list.html", {"page": page, "can_decide": can_act(request, *MANAGERS)}
    )


@role_required(*MANAGERS)
@require_POST
def proposal_decide(request: AgencyRequest, pk: int) -> HttpResponse:
    proposal = get_for_agency_or_404(NcProposal.objects.select_related("procedure"), request.agency, pk=pk)
    try:
        if request.POST.get("decision") == "accept":
            services.nc_proposal_accept(proposal=proposal, actor=request.person, at=timezone.now())
            messages.success(request, _("Đã ghi nhận sự không phù hợp từ hồ sơ trễ hạn."))
        else:
            services.nc_proposal_dismiss(
                proposal=proposal,
                actor=request.person,
                at=timezone.now(),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Đã bỏ qua đề xuất."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("improvements:proposals")


@agency_required
def my_tasks(request: AgencyRequest) -> HttpResponse:
    tasks = selectors.my_tasks(person=request.person)
    tasks["sessions"] = sessions_of(person=request.person, date_from=timezone.localdate())[:20]
    tasks["today"] = timezone.localdate()
    return render(request, "improvements/my_tasks.html", tasks)
