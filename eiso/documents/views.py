"""Staff pages of document control: thin views calling one service or selector each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, role_required
from eiso.core.downloads import file_response, format_or_404, pdf_response, secure_headers
from eiso.core.flow import pressed, run_action, run_form
from eiso.core.permissions import actor
from eiso.core.tables import list_response
from eiso.documents import cover, permissions, selectors, services
from eiso.documents.choices import DocumentType
from eiso.documents.filters import DocumentFilter
from eiso.documents.forms import (
    CodePatternsForm,
    CommentForm,
    DistributionForm,
    DocumentForm,
    EvaluationForm,
    IssueForm,
    NewVersionForm,
    ResolveForm,
    ReviewForm,
    VersionForm,
    WithdrawForm,
)
from eiso.documents.models import Acknowledgement, Document, DocumentVersion, LegalChangeFlag
from eiso.documents.tables import EXPORT_COLUMNS, DocumentTable
from eiso.signatures.forms import ask_token_pin
from eiso.signatures.services import TOKEN_PIN_FIELD, signed_file_for

PAGE_SIZE = 25


@agency_required
def document_list(request: AgencyRequest) -> HttpResponse:
    queryset = selectors.document_list(agency=request.agency, today=timezone.localdate())
    filters = DocumentFilter(request.GET or None, queryset, agency=request.agency)
    return list_response(
        request,
        table=DocumentTable(filters.qs),
        columns=EXPORT_COLUMNS,
        filename="danh-muc-tai-lieu",
        title=gettext_lazy("Danh mục tài liệu"),
        template="documents/document_list.html",
        context={
            "filter": filters,
            "can_draft": permissions.can_draft(actor(request)),
            "can_edit_code_patterns": permissions.can_edit_code_patterns(actor(request)),
        },
    )


def _detail_url(document_id: int) -> str:
    return reverse("documents:document_detail", kwargs={"pk": document_id})


@role_required(*permissions.DRAFTERS)
def document_create(request: AgencyRequest) -> HttpResponse:
    return run_form(
        request,
        DocumentForm(request.POST or None, agency=request.agency),
        lambda data: services.document_create(agency=request.agency, actor=request.person, **data),
        page=lambda form: render(request, "documents/document_form.html", {"form": form, "document": None}),
        success_url=lambda document: _detail_url(document.pk),
        success_message=_("Đã thêm tài liệu vào danh mục."),
    )


@role_required(*permissions.DRAFTERS)
def document_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)

    def call(data: dict[str, Any]) -> Document:
        fields = {**data, "code": data["code"] or document.code}
        return services.document_update(document=document, actor=request.person, **fields)

    return run_form(
        request,
        DocumentForm(request.POST or None, instance=document, agency=request.agency),
        call,
        page=lambda form: render(
            request, "documents/document_form.html", {"form": form, "document": document}
        ),
        success_url=_detail_url(document.pk),
        success_message=_("Đã lưu thông tin tài liệu."),
    )


@agency_required
def document_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


def _detail_page(request: AgencyRequest, pk: int, **forms_: BaseForm) -> HttpResponse:
    """The document page; a form that failed comes back bound, with its errors and what was typed."""
    document = get_for_agency_or_404(
        Document.objects.select_related("owner_division", "amends", "handling_process"), request.agency, pk=pk
    )
    open_version = selectors.open_version(document=document)
    current = selectors.current_version(document=document)
    person = actor(request)
    context: dict[str, Any] = {
        "document": document,
        "current": current,
        "open_version": open_version,
        "versions": selectors.document_versions(document=document),
        "distributions": selectors.distribution_status(document=document),
        "flags": document.legal_flags.select_related("amending").order_by("due_on"),
        "reviews": document.reviews.select_related("reviewed_by")[:10],
        "today": timezone.localdate(),
        "edit_form": VersionForm(
            initial={
                "changed_sections": open_version.changed_sections,
                "change_summary": open_version.change_summary,
                "body": open_version.body,
            }
        )
        if open_version
        else None,
        "new_form": NewVersionForm(),
        "comment_form": CommentForm(),
        "issue_form": _issue_form(request, open_version),
        "withdraw_form": WithdrawForm(),
        "distribution_form": DistributionForm(agency=request.agency),
        "review_form": ReviewForm(),
        "can_draft": permissions.can_draft(person),
        "can_distribute": permissions.can_issue(person) and current is not None,
        "can_record_review": permissions.can_record_review(person) and current is not None,
        "can_withdraw_current": current is not None and permissions.can_withdraw(person, current),
    }
    if open_version is not None:
        context.update(
            can_edit_draft=permissions.can_edit_draft(person, open_version),
            can_review=permissions.can_review(person, open_version),
            can_return=permissions.can_return(person, open_version),
            can_approve=permissions.can_approve(person, open_version),
            can_issue=permissions.can_issue(person, open_version),
            can_withdraw=permissions.can_withdraw(person, open_version),
        )
    context.update(forms_)
    return render(request, "documents/document_detail.html", context)


def _on_detail(
    request: AgencyRequest, document_id: int, name: str, form: BaseForm, call: Any, ok: str
) -> HttpResponse:
    """Run a form posted from the document page; a refusal brings the page back with the form as typed."""
    return run_form(
        request,
        form,
        call,
        page=lambda bound: _detail_page(request, document_id, **{name: bound}),
        success_url=_detail_url(document_id),
        success_message=ok,
    )


@role_required(*permissions.DRAFTERS)
@require_POST
def version_create(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = NewVersionForm(request.POST, request.FILES)

    def call(data: dict[str, Any]) -> object:
        return services.version_create(document=document, actor=request.person, **data)

    return _on_detail(request, document.pk, "new_form", form, call, _("Đã tạo dự thảo mới."))


def _version(request: AgencyRequest, pk: int) -> DocumentVersion:
    return get_for_agency_or_404(DocumentVersion.objects.select_related("document"), request.agency, pk=pk)


@role_required(*permissions.DRAFTERS)
@require_POST
def version_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    """Save the draft; with "Lưu và gửi xem xét", submit it in the same step."""
    version = _version(request, pk)
    submit = pressed(request, "submit")

    def call(data: dict[str, Any]) -> object:
        fields = {k: v for k, v in data.items() if k != "file" or v}
        services.version_update(version=version, actor=request.person, **fields)
        if submit:
            services.version_submit(version=version, actor=request.person)
        return version

    ok = _("Đã lưu và gửi dự thảo để xem xét.") if submit else _("Đã lưu dự thảo.")
    form = VersionForm(request.POST, request.FILES)
    return _on_detail(request, version.document_id, "edit_form", form, call, ok)


@role_required(*permissions.DRAFTERS)
@require_POST
def version_submit(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    return run_action(
        request,
        lambda: services.version_submit(version=version, actor=request.person),
        success_url=_detail_url(version.document_id),
        success_message=_("Đã gửi dự thảo để xem xét."),
    )


def _decide(request: AgencyRequest, pk: int, service: Any, ok: str) -> HttpResponse:
    """Review, return or approve a draft with the comment typed on the page (kept if refused)."""
    version = _version(request, pk)

    def call(data: dict[str, Any]) -> object:
        return service(version, request.person, data["comment"])

    return _on_detail(request, version.document_id, "comment_form", CommentForm(request.POST), call, ok)


@role_required(*permissions.REVIEWERS)
@require_POST
def version_review(request: AgencyRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda v, p, c: services.version_review_pass(version=v, reviewer=p, comment=c),
        _("Đã ghi nhận kết quả xem xét: dự thảo đạt, chờ phê duyệt."),
    )


@role_required(*permissions.REVIEWERS)
@require_POST
def version_return(request: AgencyRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda v, p, c: services.version_return(version=v, actor=p, comment=c),
        _("Đã trả lại dự thảo cho người soạn thảo."),
    )


@role_required(*permissions.APPROVERS)
@require_POST
def version_approve(request: AgencyRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        lambda v, p, c: services.version_approve(version=v, approved_by=p, comment=c),
        _("Đã phê duyệt tài liệu."),
    )


@sensitive_post_parameters(TOKEN_PIN_FIELD)
@role_required(*permissions.ISSUERS)
@require_POST
def version_issue(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.version_issue(
            version=version,
            actor=request.person,
            effective_from=data["effective_from"],
            token_pin=data.get(TOKEN_PIN_FIELD),
        )

    form = _issue_form(request, version, request.POST)
    return _on_detail(request, version.document_id, "issue_form", form, call, _("Đã ban hành tài liệu."))


def _issue_form(request: AgencyRequest, version: DocumentVersion | None, data: Any = None) -> IssueForm:
    """The issue form; for the approver who signs with a registered token, also its PIN."""
    form = IssueForm(data)
    if version is not None and version.approved_by_id == request.person.pk:
        ask_token_pin(form, agency=request.agency, signer=version.approved_by)
    return form


@role_required(*permissions.ISSUERS)
@require_POST
def version_withdraw(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.version_withdraw(version=version, actor=request.person, reason=data["reason"])

    form = WithdrawForm(request.POST)
    return _on_detail(request, version.document_id, "withdraw_form", form, call, _("Đã thu hồi phiên bản."))


@agency_required
def version_file(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    signed = signed_file_for(version, "version")
    if signed is not None:  # once signed on issue, the signed file is what every download serves
        return pdf_response(bytes(signed.content), filename=signed.file_name)
    if not version.file:
        raise Http404(_("Phiên bản này không có tệp."))
    return file_response(version.file, filename=version.file_name or str(version.file.name))


@role_required(*permissions.ISSUERS)
@require_POST
def distribution_send(request: AgencyRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.distribution_send(
            version=version,
            actor=request.person,
            divisions=data["divisions"],
            people=data["people"],
            note=data["note"],
        )

    form = DistributionForm(request.POST, agency=request.agency)
    return _on_detail(
        request, version.document_id, "distribution_form", form, call, _("Đã phân phối tài liệu.")
    )


@agency_required
def reading_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.reading_list(person=request.person), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "documents/reading_list.html", {"page": page})


@agency_required
@require_POST
def acknowledge(request: AgencyRequest, pk: int) -> HttpResponse:
    acknowledgement = get_for_agency_or_404(
        Acknowledgement.objects.filter(person=request.person), request.agency, pk=pk
    )
    return run_action(
        request,
        lambda: services.acknowledgement_confirm(acknowledgement=acknowledgement, person=request.person),
        success_url=reverse("documents:reading_list"),
        success_message=_("Đã xác nhận đã đọc tài liệu."),
    )


@role_required(*permissions.REVIEWERS)
@require_POST
def review_record(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)

    def call(data: dict[str, Any]) -> object:
        return services.document_review_record(document=document, actor=request.person, **data)

    form = ReviewForm(request.POST)
    return _on_detail(request, document.pk, "review_form", form, call, _("Đã ghi nhận lần xem xét định kỳ."))


@agency_required
def overdue_list(request: AgencyRequest) -> HttpResponse:
    today = timezone.localdate()
    documents = selectors.overdue_reviews(agency=request.agency, today=today)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documents/overdue_list.html", {"page": page, "today": today})


@agency_required
def legal_change_list(request: AgencyRequest) -> HttpResponse:
    return _legal_changes_page(request, ResolveForm())


def _legal_changes_page(request: AgencyRequest, form: BaseForm) -> HttpResponse:
    show_all = request.GET.get("tat-ca") == "1"
    flags = selectors.legal_changes(agency=request.agency, pending_only=not show_all)
    page = Paginator(flags, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/legal_change_list.html",
        {
            "page": page,
            "show_all": show_all,
            "today": timezone.localdate(),
            "form": form,
            "can_issue": permissions.can_issue(actor(request)),
        },
    )


@role_required(*permissions.ISSUERS)
@require_POST
def legal_change_resolve(request: AgencyRequest, pk: int) -> HttpResponse:
    flag = get_for_agency_or_404(LegalChangeFlag, request.agency, pk=pk)
    return run_form(
        request,
        ResolveForm(request.POST),
        lambda data: services.legal_flag_resolve(
            flag=flag, actor=request.person, resolution=data["resolution"]
        ),
        page=lambda form: _legal_changes_page(request, form),
        success_url=reverse("documents:legal_changes"),
        success_message=_("Đã ghi nhận kết quả xử lý thay đổi pháp lý."),
    )


@agency_required
def evaluation_list(request: AgencyRequest) -> HttpResponse:
    return _evaluations_page(request, None)


def _evaluations_page(request: AgencyRequest, form: BaseForm | None) -> HttpResponse:
    year_text = request.GET.get("nam", "") or str(request.POST.get("year", ""))
    year = (
        int(year_text)
        if year_text.isdigit() and 2000 <= int(year_text) <= 2100
        else timezone.localdate().year
    )
    as_of = min(timezone.localdate(), dt.date(year, 12, 31))
    summary = selectors.documents_summary(agency=request.agency, year=year, as_of=as_of)
    documents = (
        selectors.document_list(agency=request.agency)
        .exclude(doc_type=DocumentType.EXTERNAL)
        .filter(current_effective__isnull=False)  # type: ignore[misc]
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = selectors.evaluations(agency=request.agency, year=year).filter(document__in=[d.pk for d in page])
    done = {e.document_id: e for e in shown}
    rows = [(document, done.get(document.pk)) for document in page]
    return render(
        request,
        "documents/evaluation_list.html",
        {
            "page": page,
            "rows": rows,
            "year": year,
            "summary": summary,
            "query": urlencode({"nam": year}),
            "form": form or EvaluationForm(initial={"year": year}),
            "can_review": permissions.can_record_review(actor(request)),
        },
    )


@role_required(*permissions.REVIEWERS)
@require_POST
def evaluation_record(request: AgencyRequest, pk: int) -> HttpResponse:
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    form = EvaluationForm(request.POST)
    year = form.data.get("year", "")
    back = reverse("documents:evaluations") + (f"?nam={year}" if str(year).isdigit() else "")
    return run_form(
        request,
        form,
        lambda data: services.evaluation_record(document=document, actor=request.person, **data),
        page=lambda bound: _evaluations_page(request, bound),
        success_url=back,
        success_message=_("Đã ghi nhận đánh giá hiệu lực."),
    )


@agency_required
def cover_download(request: AgencyRequest, pk: int, fmt: str) -> HttpResponse:
    """The cover page, responsibility grid and revision table of a procedure in the Decree 30/2020 layout."""
    document = get_for_agency_or_404(Document, request.agency, pk=pk)
    fmt = format_or_404(fmt, ("docx", "pdf"))
    if document.is_external:
        raise Http404(_("Văn bản bên ngoài không có trang bìa."))
    content = cover.cover_document(document=document)
    if fmt == "pdf":
        data, mime = cover.render_pdf(content), "application/pdf"
    else:
        data, mime = cover.render_docx(content), cover.DOCX_MIME
    response = HttpResponse(data, content_type=mime)
    return secure_headers(response, filename=f"{document.code}-bia.{fmt}")


@role_required(*permissions.PATTERN_EDITORS)
def code_patterns(request: AgencyRequest) -> HttpResponse:
    """How the register numbers new documents of each type (e.g. QT-01, QT-02…)."""
    current = selectors.code_patterns(agency=request.agency)
    return run_form(
        request,
        CodePatternsForm(request.POST or None, current=current),
        lambda data: services.code_patterns_save(agency=request.agency, actor=request.person, patterns=data),
        page=lambda form: render(request, "documents/code_patterns.html", {"form": form}),
        success_url=reverse("documents:code_patterns"),
        success_message=_("Đã lưu mẫu mã tài liệu."),
    )
