from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from eiso.audits.models import Finding
from eiso.audits.selectors import sessions_of
from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.downloads import state_document_response
from eiso.core.flow import pressed, refuse, run_action, run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.improvements import forms, permissions, selectors, services
from eiso.improvements.choices import NcSource
from eiso.improvements.filters import CorrectiveActionFilter, NonconformityFilter
from eiso.improvements.models import ActionItem, CorrectiveAction, NcProposal, Nonconformity
from eiso.improvements.permissions import MANAGERS, RAISERS, STAFF
from eiso.improvements.printout import corrective_action_document
from eiso.improvements.tables import (
    CORRECTIVE_ACTION_COLUMNS,
    NONCONFORMITY_COLUMNS,
    CorrectiveActionTable,
    NonconformityTable,
)


@agency_required
def car_list(request: AgencyRequest) -> HttpResponse:
    queryset = selectors.corrective_action_list(agency=request.agency).order_by("-requested_on", "-id")
    filters = CorrectiveActionFilter(request.GET or None, queryset, agency=request.agency)
    return list_response(
        request,
        table=CorrectiveActionTable(filters.qs),
        columns=CORRECTIVE_ACTION_COLUMNS,
        filename="so-theo-doi-khac-phuc",
        title=gettext_lazy("Phiếu khắc phục"),
        template="improvements/car_list.html",
        context={"filter": filters},
    )


@agency_required
def nc_list(request: AgencyRequest) -> HttpResponse:
    queryset = (
        selectors.nonconformity_list(agency=request.agency)
        .select_related("procedure")
        .prefetch_related("corrective_actions")
        .order_by("-raised_on", "-id")
    )
    filters = NonconformityFilter(request.GET or None, queryset, agency=request.agency)
    person = actor(request)
    cells = {
        "person": person,
        "can_request": permissions.can_request(person),
        "csrf_token": get_token(request),
    }
    return list_response(
        request,
        table=NonconformityTable(filters.qs, cell_context=cells),
        columns=NONCONFORMITY_COLUMNS,
        filename="su-khong-phu-hop",
        title=gettext_lazy("Sự không phù hợp"),
        template="improvements/nc_list.html",
        context={"filter": filters, "can_raise": permissions.can_raise(person)},
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
    return run_form(
        request,
        form,
        lambda data: services.nonconformity_raise(
            agency=request.agency, actor=request.person, finding=finding, **data
        ),
        page=lambda bound: render(request, "improvements/nc_form.html", {"form": bound, "finding": finding}),
        success_url=reverse("improvements:nc_list"),
        success_message=_("Đã ghi nhận sự không phù hợp."),
    )


def _nc(request: AgencyRequest, pk: int) -> Nonconformity:
    return get_for_agency_or_404(
        Nonconformity.objects.select_related("finding__audit", "division"), request.agency, pk=pk
    )


def _nc_page(
    request: AgencyRequest, nc: Nonconformity, form: Form, cancel_form: Form | None = None
) -> HttpResponse:
    context = {
        "form": form,
        "nc": nc,
        "finding": nc.finding,
        "cancel_form": cancel_form or forms.ReasonForm(),
        "can_cancel": permissions.can_cancel_nc(actor(request), nc),
    }
    return render(request, "improvements/nc_form.html", context)


@role_required(*RAISERS)
def nc_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    nc = _nc(request, pk)
    if not permissions.can_edit_nc(actor(request), nc):
        return refuse(request, _("Sự không phù hợp này không còn sửa được."), reverse("improvements:nc_list"))
    form = forms.NonconformityForm(
        request.POST or None,
        agency=request.agency,
        initial=forms.nc_initial(nc),
        fixed_source=nc.source_kind == NcSource.LATE_DOSSIER,
    )
    return run_form(
        request,
        form,
        lambda data: services.nonconformity_update(nc=nc, actor=request.person, **data),
        page=lambda bound: _nc_page(request, nc, bound),
        success_url=reverse("improvements:nc_list"),
        success_message=_("Đã lưu sự không phù hợp."),
    )


@role_required(*RAISERS)
@require_POST
def nc_cancel(request: AgencyRequest, pk: int) -> HttpResponse:
    nc = _nc(request, pk)
    return run_form(
        request,
        forms.ReasonForm(request.POST),
        lambda data: services.nonconformity_cancel(
            nc=nc, actor=request.person, on=timezone.localdate(), **data
        ),
        page=lambda bound: _nc_page(
            request, nc, forms.NonconformityForm(agency=request.agency, initial=forms.nc_initial(nc)), bound
        ),
        success_url=reverse("improvements:nc_list"),
        success_message=_("Đã hủy sự không phù hợp."),
    )


@role_required(*MANAGERS)
@require_POST
def car_request(request: AgencyRequest, pk: int) -> HttpResponse:
    nc = get_for_agency_or_404(Nonconformity, request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.corrective_action_request(
            nonconformity=nc, actor=request.person, on=timezone.localdate()
        ),
        success_url=lambda car: reverse("improvements:car_detail", kwargs={"pk": car.pk}),
        failure_url=reverse("improvements:nc_list"),
        success_message=lambda car: _("Đã lập phiếu yêu cầu hành động khắc phục {number}.").format(
            number=car.number
        ),
    )


def _car(request: AgencyRequest, pk: int) -> CorrectiveAction:
    return get_for_agency_or_404(
        CorrectiveAction.objects.select_related(
            "nonconformity__division",
            "nonconformity__finding__audit",
            "nonconformity__procedure",
            "nonconformity__raised_by",
            "follow_up_of",
            "requested_by",
            "approved_by",
            "verified_by",
        ),
        request.agency,
        pk=pk,
    )


def _car_context(request: AgencyRequest, car: CorrectiveAction, **forms_: Any) -> dict[str, Any]:
    person = actor(request)
    today = timezone.localdate()
    actions = list(car.actions.select_related("owner", "corrective_action"))
    return {
        "car": car,
        "nc": car.nonconformity,
        "actions": actions,
        "follow_up": CorrectiveAction.objects.filter(follow_up_of=car).first(),
        "can_plan": permissions.can_analyse(person, car),
        "can_submit": permissions.can_submit(person, car) or permissions.can_analyse(person, car),
        "can_approve": permissions.can_decide(person, car),
        "can_verify": permissions.can_verify(person, car),
        "can_cancel": permissions.can_cancel(person, car),
        "can_do": {a.pk for a in actions if permissions.can_report_done(person, a)},
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
        "person": request.person,
    }


@agency_required
def car_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)
    return render(request, "improvements/car_detail.html", _car_context(request, car))


@agency_required
def car_download(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    """The request printed in the Decree 30 layout, as PDF or DOCX."""
    car = _car(request, pk)
    document = corrective_action_document(car)
    return state_document_response(
        document, fmt=fmt, filename=f"phieu-khac-phuc-{car.number.replace('/', '-')}"
    )


def _run(
    request: AgencyRequest,
    car: CorrectiveAction,
    form: Form,
    name: str,
    call: Callable[[dict[str, Any]], Any],
    ok: str,
) -> HttpResponse:
    """Run a form posted from the request page; on error the page comes back with the form as typed."""
    return run_form(
        request,
        form,
        call,
        page=lambda bound: render(
            request, "improvements/car_detail.html", _car_context(request, car, **{name: bound})
        ),
        success_url=reverse("improvements:car_detail", kwargs={"pk": car.pk}),
        success_message=ok,
    )


@role_required(*STAFF)
@require_POST
def car_analyse(request: AgencyRequest, pk: int) -> HttpResponse:
    car = _car(request, pk)

    submit = pressed(request, "submit")

    def call(data: dict[str, Any]) -> None:
        services.corrective_action_analyse(car=car, actor=request.person, **data)
        if submit:
            services.corrective_action_submit(car=car, actor=request.person)

    ok = _("Đã lưu phân tích và trình phê duyệt.") if submit else _("Đã lưu phân tích.")
    return _run(request, car, forms.AnalysisForm(request.POST), "analysis_form", call, ok)


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
    return run_action(
        request,
        lambda: services.action_item_done(
            item=item, actor=request.person, at=timezone.now(), note=request.POST.get("note", "")
        ),
        success_url=reverse("improvements:car_detail", kwargs={"pk": item.corrective_action_id}),
        success_message=_("Đã báo cáo hoàn thành hành động."),
    )


@role_required(*permissions.VERIFIERS)
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
    can_decide = permissions.can_request(actor(request))
    return render(request, "improvements/proposal_list.html", {"page": page, "can_decide": can_decide})


@role_required(*MANAGERS)
@require_POST
def proposal_decide(request: AgencyRequest, pk: int) -> HttpResponse:
    proposal = get_for_agency_or_404(NcProposal.objects.select_related("procedure"), request.agency, pk=pk)
    accept = request.POST.get("decision") == "accept"

    def call() -> object:
        if accept:
            return services.nc_proposal_accept(proposal=proposal, actor=request.person, at=timezone.now())
        return services.nc_proposal_dismiss(
            proposal=proposal, actor=request.person, at=timezone.now(), reason=request.POST.get("reason", "")
        )

    ok = _("Đã ghi nhận sự không phù hợp từ hồ sơ trễ hạn.") if accept else _("Đã bỏ qua đề xuất.")
    return run_action(request, call, success_url=reverse("improvements:proposals"), success_message=ok)


@agency_required
def my_tasks(request: AgencyRequest) -> HttpResponse:
    tasks = selectors.my_tasks(person=request.person)
    tasks["sessions"] = sessions_of(person=request.person, date_from=timezone.localdate())[:20]
    tasks["today"] = timezone.localdate()
    return render(request, "improvements/my_tasks.html", tasks)
