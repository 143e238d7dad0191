from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core import charts
from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import QMS_MANAGERS, Role
from eiso.objectives import selectors, services
from eiso.objectives.forms import (
    AsOfForm,
    CopyForm,
    IndicatorForm,
    IssueForm,
    ManualValueForm,
    ObjectiveForm,
    ObjectiveSetForm,
)
from eiso.objectives.models import Indicator, ManualValue, ObjectiveSet

VALUE_ROLES = (*QMS_MANAGERS, Role.DIVISION_HEAD, Role.OFFICER)


def _apply(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _as_of(request: AgencyRequest, year: int) -> tuple[AsOfForm, dt.date]:
    """The as-of date from the query; by default today, or the year's last day for a past year."""
    today = timezone.localdate()
    default = today if today.year <= year else dt.date(year, 12, 31)
    form = AsOfForm(request.GET or None)
    as_of = (
        form.cleaned_data["as_of"]
        if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]
        else default
    )
    if not form.is_bound:
        form = AsOfForm(initial={"as_of": as_of})
    return form, as_of


@agency_required
def index(request: AgencyRequest) -> HttpResponse:
    sets = selectors.objective_set_list(agency=request.agency)
    form = ObjectiveSetForm(initial={"year": timezone.localdate().year})
    return render(
        request,
        "objectives/index.html",
        {"sets": sets, "form": form, "can_manage": can_act(request, *QMS_MANAGERS)},
    )


@role_required(*QMS_MANAGERS)
@require_POST
def set_create(request: AgencyRequest) -> HttpResponse:
    form = ObjectiveSetForm(request.POST)
    if form.is_valid():
        try:
            objective_set = services.objective_set_create(
                agency=request.agency, actor=request.person, **form.cleaned_data
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            return redirect("objectives:set_detail", pk=objective_set.pk)
    sets = selectors.objective_set_list(agency=request.agency)
    return render(request, "objectives/index.html", {"sets": sets, "form": form, "can_manage": True})


@agency_required
def set_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = get_for_agency_or_404(
        selectors.objective_set_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    as_of_form, as_of = _as_of(request, objective_set.year)
    groups = selectors.objective_set_measure(objective_set, as_of)
    context: dict[str, Any] = {
        "objective_set": objective_set,
        "groups": groups,
        "as_of": as_of,
        "as_of_form": as_of_form,
        "can_manage": can_act(request, *QMS_MANAGERS),
        "copy_form": CopyForm(initial={"year": objective_set.year + 1}),
        "issue_form": IssueForm(
            initial={
                "decision_number": objective_set.decision_number,
                "decision_date": objective_set.decision_date,
            }
        ),
        "objective_form": ObjectiveForm(),
        "indicator_form": IndicatorForm(objective_set=objective_set),
    }
    return render(request, "objectives/set_detail.html", context)


def _set_for(request: AgencyRequest, pk: int) -> ObjectiveSet:
    return get_for_agency_or_404(ObjectiveSet, request.agency, pk=pk)


@role_required(*QMS_MANAGERS)
def set_copy(request: AgencyRequest, pk: int) -> HttpResponse:
    """Next year's objectives from this year's set; new indicators are added afterwards."""
    source = _set_for(request, pk)
    form = CopyForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            target = services.objective_set_copy(
                source=source, year=form.cleaned_data["year"], actor=request.person
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo mục tiêu chất lượng năm {year} từ năm {source}. Có thể bổ sung chỉ tiêu mới."
                ).format(year=target.year, source=source.year),
            )
            return redirect("objectives:set_detail", pk=target.pk)
    return render(request, "objectives/set_copy.html", {"objective_set": source, "form": form})


@role_required(*QMS_MANAGERS)
@require_POST
def set_issue(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.objective_set_issue(
                objective_set=objective_set, actor=request.person, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã ghi nhận quyết định ban hành."))
    else:
        messages.error(request, _("Nhập số và ngày quyết định ban hành."))
    return redirect("objectives:set_detail", pk=objective_set.pk)


@role_required(*QMS_MANAGERS)
@require_POST
def objective_add(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)
    form = ObjectiveForm(request.POST)
    if form.is_valid():
        services.objective_create(
            objective_set=objective_set, text=form.cleaned_data["text"], actor=request.person
        )
        messages.success(request, _("Đã thêm mục tiêu."))
    else:
        messages.error(request, _("Nhập nội dung mục tiêu."))
    return redirect("objectives:set_detail", pk=objective_set.pk)


@role_required(*QMS_MANAGERS)
def indicator_add(request: AgencyRequest, pk: int) -> HttpResponse:
    objective_set = _set_for(request, pk)
    form = IndicatorForm(request.POST or None, objective_set=objective_set)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        objective = data.pop("objective")
        try:
            services.indicator_create(objective=objective, actor=request.person, **data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu."))
            return redirect("objectives:set_detail", pk=objective_set.pk)
    return render(request, "objectives/indicator_add.html", {"objective_set": objective_set, "form": form})


@agency_required
def indicator_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    indicator = get_for_agency_or_404(
        selectors.indicator_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    as_of_form, as_of = _as_of(request, indicator.objective.objective_set.year)
    row = selectors.indicator_measure(indicator, as_of)
    chart = None
    if any(p["value"] is not None for p in row["trend"]):
        chart = charts.inline_svg(
            charts.line_chart(
                [p["label"] for p in row["trend"]],
                {
                    indicator.name[:40]: [
                        float(p["value"]) if p["value"] is not None else None for p in row["trend"]
                    ]
                },
                target=float(indicator.target_value),
            )
        )
    form = None
    if indicator.source == "manual" and can_act(request, *VALUE_ROLES):
        form = ManualValueForm()
    context = {
        "indicator": indicator,
        "row": row,
        "chart": chart,
        "as_of": as_of,
        "as_of_form": as_of_form,
        "form": form,
        "values": indicator.manual_values.all(),
        "can_post": can_act(request, *QMS_MANAGERS),
    }
    return render(request, "objectives/indicator_detail.html", context)


@role_required(*VALUE_ROLES)
@require_POST
def manual_value_add(request: AgencyRequest, pk: int) -> HttpResponse:
    indicator = get_for_agency_or_404(Indicator, request.agency, pk=pk)
    form = ManualValueForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.manual_value_record(indicator=indicator, actor=request.person, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("Đã lưu số liệu."))
            return redirect("objectives:indicator", pk=indicator.pk)
    as_of_form, as_of = _as_of(request, indicator.objective.objective_set.year)
    context = {
        "indicator": indicator,
        "row": selectors.indicator_measure(indicator, as_of),
        "as_of": as_of,
        "as_of_form": as_of_form,
        "form": form,
        "values": indicator.manual_values.all(),
        "can_post": can_act(request, *QMS_MANAGERS),
    }
    return render(request, "objectives/indicator_detail.html", context)


@role_required(*QMS_MANAGERS)
@require_POST
def manual_value_post(request: AgencyRequest, pk: int) -> HttpResponse:
    manual_value = get_for_agency_or_404(ManualValue, request.agency, pk=pk)
    try:
        services.manual_value_post(manual_value=manual_value, actor=request.person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi nhận số liệu."))
    return redirect("objectives:indicator", pk=manual_value.indicator_id)
