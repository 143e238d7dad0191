from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.charts import inline_svg
from eiso.core.downloads import pdf_response
from eiso.core.flow import run_action, run_form
from eiso.core.layout import StateDocument
from eiso.core.permissions import actor
from eiso.core.redirects import safe_next_url
from eiso.reviews import paperwork, permissions, selectors, services
from eiso.reviews.choices import Attendance, ReviewState
from eiso.reviews.forms import (
    ActionForm,
    ChangeForm,
    CollectForm,
    CommentForm,
    ConclusionForm,
    DecisionForm,
    EvaluationForm,
    HoldForm,
    PlanForm,
    ProviderForm,
    RecordForm,
)
from eiso.reviews.models import ManagementReview, QmsRecord, ReviewDecision, ReviewInput
from eiso.reviews.permissions import MANAGERS
from eiso.reviews.sections import (
    SECTION_BY_KEY,
    commentary_warnings,
    section_links,
    section_records,
    section_signals,
    section_text,
)
from eiso.signatures.forms import ask_token_pin
from eiso.signatures.services import TOKEN_PIN_FIELD, signed_file_for

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _list_page(request: AgencyRequest, form: BaseForm) -> HttpResponse:
    page = Paginator(selectors.review_list(agency=request.agency), 20).get_page(request.GET.get("page"))
    can_manage = permissions.can_manage(actor(request))
    return render(request, "reviews/list.html", {"page": page, "form": form, "can_manage": can_manage})


@agency_required
def review_list(request: AgencyRequest) -> HttpResponse:
    return _list_page(request, PlanForm(agency=request.agency, initial={"year": timezone.localdate().year}))


def _detail_url(pk: int, anchor: str = "") -> str:
    return reverse("reviews:detail", kwargs={"pk": pk}) + (f"#{anchor}" if anchor else "")


@role_required(*MANAGERS)
@require_POST
def review_create(request: AgencyRequest) -> HttpResponse:
    return run_form(
        request,
        PlanForm(request.POST, agency=request.agency),
        lambda data: services.review_plan(agency=request.agency, actor=request.person, **data),
        page=lambda form: _list_page(request, form),
        success_url=lambda review: _detail_url(review.pk),
        success_message=_("Đã lập kế hoạch họp xem xét của lãnh đạo."),
    )


def _details_form(review: ManagementReview, data: Any = None, *, agency: Any) -> PlanForm:
    """The plan form, its year fixed, to correct the meeting details before the inputs are frozen."""
    initial = {
        "year": review.year,
        "planned_on": review.planned_on,
        "place": review.place,
        "chair": review.chair_id,
        "secretary": review.secretary_id,
    }
    form = PlanForm(data, agency=agency, initial=initial)
    form.fields["year"].disabled = True
    return form


def _detail_page(request: AgencyRequest, pk: int, **forms_: BaseForm) -> HttpResponse:
    review = get_for_agency_or_404(
        selectors.review_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    items = list(selectors.review_inputs(review=review))
    inputs = [
        {
            "item": item,
            "title": SECTION_BY_KEY[item.key].title if item.key in SECTION_BY_KEY else item.title,
            "lines": section_text(item.key, item.data),
            "links": section_links(item.key),
            "records": section_records(item.key, item.data),
            "signals": section_signals(item.key, item.data),
            "svg": inline_svg(item.chart_svg.encode("utf-8")) if item.chart_svg else "",
        }
        for item in items
    ]
    invited = [p.person for p in review.attendance.select_related("person")]
    hold_form = HoldForm(
        agency=request.agency,
        initial={"held_on": review.planned_on, "present": invited, "discussion": review.discussion},
    )
    person = actor(request)
    context: dict[str, Any] = {
        "review": review,
        "inputs": inputs,
        "warnings": commentary_warnings(items) if review.state == ReviewState.INPUTS_COLLECTED else [],
        "decisions": [
            (d, ActionForm(initial={"state": d.state})) for d in selectors.review_decisions(review=review)
        ],
        "present": selectors.attendance(review=review, status=Attendance.PRESENT),
        "absent": selectors.attendance(review=review, status=Attendance.ABSENT),
        "invited": invited,
        "collect_form": CollectForm(
            initial={"as_of": review.inputs_as_of or min(timezone.localdate(), review.planned_on)}
        ),
        "hold_form": hold_form,
        "decision_form": DecisionForm(agency=request.agency),
        "conclusion_form": _conclusion_form(request, review),
        "details_form": _details_form(review, agency=request.agency),
        "can_manage": permissions.can_manage(person),
        "can_edit_details": permissions.can_edit_details(person, review),
        "states": ReviewState,
        "documents": paperwork.FILENAMES,
        "plan": selectors.plan_for(agency=request.agency, year=review.year + 1),
        **forms_,
    }
    return render(request, "reviews/detail.html", context)


@agency_required
def review_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


def _review(request: AgencyRequest, pk: int) -> ManagementReview:
    return get_for_agency_or_404(ManagementReview, request.agency, pk=pk)


def _on_detail(
    request: AgencyRequest, pk: int, name: str, form: BaseForm, call: Any, ok: str
) -> HttpResponse:
    """Run a form posted from the review page; a refusal brings the page back with the form as typed."""
    return run_form(
        request,
        form,
        call,
        page=lambda bound: _detail_page(request, pk, **{name: bound}),
        success_url=_detail_url(pk),
        success_message=ok,
    )


@role_required(*MANAGERS)
@require_POST
def review_details(request: AgencyRequest, pk: int) -> HttpResponse:
    """Correct the meeting details (date, place, chair, secretary) before the inputs are frozen."""
    review = _review(request, pk)

    def call(data: dict[str, Any]) -> object:
        if not permissions.can_edit_details(request.person, review):
            raise ValidationError(
                _("Số liệu đầu vào đã chốt khi họp; thông tin cuộc họp không còn sửa được.")
            )
        if data["planned_on"].year != review.year:
            raise ValidationError(
                {"planned_on": _("Ngày họp dự kiến phải thuộc năm {year}.").format(year=review.year)}
            )
        fields = {k: data[k] for k in ("planned_on", "place", "chair", "secretary")}
        return services.review_update(review=review, actor=request.person, **fields)

    form = _details_form(review, request.POST, agency=request.agency)
    return _on_detail(request, pk, "details_form", form, call, _("Đã lưu thông tin cuộc họp."))


@role_required(*MANAGERS)
@require_POST
def review_collect(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.review_collect_inputs(review=review, as_of=data["as_of"], actor=request.person)

    form = CollectForm(request.POST)
    return _on_detail(request, pk, "collect_form", form, call, _("Đã tổng hợp số liệu đầu vào."))


@role_required(*MANAGERS)
@require_POST
def input_comment(request: AgencyRequest, pk: int) -> HttpResponse:
    review_input = get_for_agency_or_404(ReviewInput, request.agency, pk=pk)
    return run_form(
        request,
        CommentForm(request.POST),
        lambda data: services.input_comment(
            review_input=review_input, commentary=data["commentary"], actor=request.person
        ),
        page=lambda form: _detail_page(request, review_input.review_id),
        success_url=_detail_url(review_input.review_id, f"input-{review_input.key}"),
        success_message=_("Đã lưu nhận xét."),
    )


@role_required(*MANAGERS)
@require_POST
def review_hold(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.review_hold(
            review=review,
            held_on=data["held_on"],
            present=list(data["present"]),
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            discussion=data["discussion"],
            acknowledged=data["acknowledged"],
            actor=request.person,
        )

    form = HoldForm(request.POST, agency=request.agency)
    ok = _("Đã ghi nhận cuộc họp; số liệu đầu vào đã được chốt.")
    return _on_detail(request, pk, "hold_form", form, call, ok)


@role_required(*MANAGERS)
@require_POST
def decision_add(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return run_form(
        request,
        DecisionForm(request.POST, agency=request.agency),
        lambda data: services.decision_add(review=review, actor=request.person, **data),
        page=lambda form: _detail_page(request, pk, decision_form=form),
        success_url=_detail_url(pk, "decisions"),
        success_message=_("Đã ghi kết luận."),
    )


@role_required(*MANAGERS)
@require_POST
def decision_update(request: AgencyRequest, pk: int) -> HttpResponse:
    decision = get_for_agency_or_404(ReviewDecision.objects.select_related("review"), request.agency, pk=pk)
    back = safe_next_url(request, _detail_url(decision.review_id, "decisions"))
    return run_form(
        request,
        ActionForm(request.POST),
        lambda data: services.decision_close(
            decision=decision,
            state=data["state"],
            result_note=data["result_note"],
            actor=request.person,
            on=timezone.localdate(),
        ),
        page=lambda form: _detail_page(request, decision.review_id),
        success_url=back,
        success_message=_("Đã cập nhật tình trạng thực hiện."),
    )


def _conclusion_form(request: AgencyRequest, review: ManagementReview, data: Any = None) -> ConclusionForm:
    """The conclusion and minutes number; for the chair who signs with a registered token, also its PIN."""
    form = ConclusionForm(data, initial={"conclusion": review.conclusion})
    if review.chair_id == request.person.pk:
        ask_token_pin(form, agency=request.agency, signer=review.chair)
    return form


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@role_required(*MANAGERS)
@require_POST
def review_issue_minutes(request: AgencyRequest, pk: int) -> HttpResponse:
    """Save the conclusion typed and issue the minutes, in one step (nothing typed is lost if refused)."""
    review = _review(request, pk)

    def call(data: dict[str, Any]) -> object:
        services.review_update(review=review, conclusion=data["conclusion"], actor=request.person)
        return services.review_issue_minutes(
            review=review,
            number=data["minutes_number"],
            notice_number=data["notice_number"],
            actor=request.person,
            token_pin=data.get(TOKEN_PIN_FIELD),
        )

    form = _conclusion_form(request, review, request.POST)
    return _on_detail(request, pk, "conclusion_form", form, call, _("Đã ban hành biên bản."))


@role_required(*MANAGERS)
@require_POST
def review_close(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return run_action(
        request,
        lambda: services.review_close(review=review, actor=request.person),
        success_url=_detail_url(pk),
        success_message=_("Đã kết thúc cuộc họp xem xét."),
    )


@role_required(*MANAGERS)
@require_POST
def plan_next_year(request: AgencyRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return run_action(
        request,
        lambda: services.plan_next_year(review=review, actor=request.person),
        success_url=_detail_url(pk),
        success_message=lambda plan: _("Đã lập hoạch định HTQLCL năm {year}.").format(year=plan.year),
    )


def _download(doc: StateDocument, fmt: str, filename: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Không tìm thấy bản ghi."))
    response = HttpResponse(paperwork.render(doc, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@agency_required
def review_document(request: AgencyRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    review = get_for_agency_or_404(
        selectors.review_detail_queryset(agency=request.agency), request.agency, pk=pk
    )
    if document not in paperwork.DOCUMENTS:
        raise Http404(_("Không tìm thấy bản ghi."))
    signed = signed_file_for(review, document) if fmt == "pdf" else None
    if signed is not None:  # once signed on issue, the signed file is what every download serves
        return pdf_response(bytes(signed.content), filename=signed.file_name)
    doc = paperwork.DOCUMENTS[document](review)
    return _download(doc, fmt, f"{paperwork.FILENAMES[document]}-{review.year}")


@agency_required
def change_list(request: AgencyRequest) -> HttpResponse:
    if request.method == "POST" and not permissions.can_manage(actor(request)):
        raise Http404

    def page(form: BaseForm) -> HttpResponse:
        changes = Paginator(selectors.change_list(agency=request.agency), 25).get_page(
            request.GET.get("page")
        )
        context = {
            "page": changes,
            "form": form,
            "can_manage": permissions.can_manage(actor(request)),
            "today": timezone.localdate(),
        }
        return render(request, "reviews/changes.html", context)

    return run_form(
        request,
        ChangeForm(request.POST or None),
        lambda data: services.qms_change_record(agency=request.agency, actor=request.person, **data),
        page=page,
        success_url=reverse("reviews:changes"),
        success_message=_("Đã ghi nhận thay đổi."),
    )


def _providers_page(request: AgencyRequest, **forms_: BaseForm) -> HttpResponse:
    can_manage = permissions.can_manage(actor(request))
    context = {
        "providers": selectors.provider_list(agency=request.agency),
        "can_manage": can_manage,
        "provider_form": forms_.get("provider_form") or ProviderForm(),
        "evaluation_form": forms_.get("evaluation_form") or EvaluationForm(agency=request.agency),
    }
    return render(request, "reviews/providers.html", context)


@agency_required
def provider_list(request: AgencyRequest) -> HttpResponse:
    """The register of external providers and their evaluations (ISO 9001 8.4; reviewed under 9.3.2 c7)."""
    return _providers_page(request)


@role_required(*MANAGERS)
@require_POST
def provider_add(request: AgencyRequest) -> HttpResponse:
    return run_form(
        request,
        ProviderForm(request.POST),
        lambda data: services.provider_register(agency=request.agency, actor=request.person, **data),
        page=lambda form: _providers_page(request, provider_form=form),
        success_url=reverse("reviews:providers"),
        success_message=_("Đã thêm nhà cung cấp."),
    )


@role_required(*MANAGERS)
@require_POST
def provider_evaluate(request: AgencyRequest) -> HttpResponse:
    return run_form(
        request,
        EvaluationForm(request.POST, agency=request.agency),
        lambda data: services.provider_evaluate(actor=request.person, **data),
        page=lambda form: _providers_page(request, evaluation_form=form),
        success_url=reverse("reviews:providers"),
        success_message=_("Đã ghi kết quả đánh giá nhà cung cấp."),
    )


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@agency_required
def record_list(request: AgencyRequest) -> HttpResponse:
    if request.method == "POST" and not permissions.can_manage(actor(request)):
        raise Http404

    def page(form: BaseForm) -> HttpResponse:
        records = Paginator(selectors.record_list(agency=request.agency), 25).get_page(
            request.GET.get("page")
        )
        can_manage = permissions.can_manage(actor(request))
        return render(
            request, "reviews/records.html", {"page": records, "form": form, "can_manage": can_manage}
        )

    form = RecordForm(request.POST or None, agency=request.agency)
    ask_token_pin(form, agency=request.agency, signer=request.person)

    def call(data: dict[str, Any]) -> QmsRecord:
        pin = data.pop(TOKEN_PIN_FIELD, None)
        return services.qms_record_issue(agency=request.agency, actor=request.person, token_pin=pin, **data)

    return run_form(
        request,
        form,
        call,
        page=page,
        success_url=reverse("reviews:records"),
        success_message=_("Đã lưu hồ sơ."),
    )


@agency_required
def record_document(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    record = get_for_agency_or_404(
        QmsRecord.objects.select_related("agency", "signed_by"), request.agency, pk=pk
    )
    signed = signed_file_for(record, services.RECORD_KIND)
    if signed is not None:  # once signed, the signed PDF is what every download serves
        if fmt != "pdf":
            return redirect("reviews:record_document", pk=record.pk, fmt="pdf")
        return pdf_response(bytes(signed.content), filename=signed.file_name)
    return _download(paperwork.record_document(record), fmt, f"{record.kind}-{record.issued_on:%Y%m%d}")
