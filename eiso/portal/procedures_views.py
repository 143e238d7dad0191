"""Public pages (no login): an agency's published administrative procedures (TTHC), each with its time
limit, fee, required components, the internal handling steps and the public forms to download."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from eiso.core.downloads import file_response
from eiso.core.models import Agency
from eiso.core.ratelimit import ratelimited
from eiso.core.search import search
from eiso.documents import selectors
from eiso.procedures.models import Procedure

PAGE_SIZE = 30
# Codes made up locally (no national code known) are shown as internal codes, never as national ones.
INTERNAL_CODE_PREFIXES = ("SYN-", "T-")


def is_internal_code(code: str) -> bool:
    return code.upper().startswith(INTERNAL_CODE_PREFIXES)


def _agency(code: str) -> Agency:
    return get_object_or_404(selectors.public_agencies(), code=code)


@ratelimited("procedures")
def procedure_list(request: HttpRequest, agency_code: str = "") -> HttpResponse:
    chosen = request.GET.get("co-quan", "")
    if not agency_code and chosen:
        try:
            return redirect("portal:procedure_list", agency_code=chosen)
        except NoReverseMatch as exc:  # a code that cannot be a path segment names no agency
            raise Http404(_("Không tìm thấy bản ghi.")) from exc
    agencies = selectors.public_agencies()
    if not agency_code:
        return render(request, "portal/procedures/choose_agency.html", {"agencies": agencies})
    agency = _agency(agency_code)
    field = request.GET.get("linh-vuc", "")
    text = request.GET.get("q", "").strip()[:200]
    procedures = search(
        selectors.public_procedures(agency=agency, field=field), text, "name", "code", "field"
    )
    page = Paginator(procedures, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "agencies": agencies,
        "fields": selectors.public_fields(agency=agency),
        "field": field,
        "text": text,
        "page": page,
        "total": page.paginator.count,
        "query": urlencode({k: v for k, v in (("linh-vuc", field), ("q", text)) if v}),
    }
    return render(request, "portal/procedures.html", context)


@ratelimited("procedures")
def procedure_detail(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = _agency(agency_code)
    procedure: Procedure = get_object_or_404(selectors.public_procedures(agency=agency), pk=pk)
    processes = (
        procedure.processes.filter(is_active=True).prefetch_related("steps__division").order_by("code")
    )
    context = {
        "agency": agency,
        "procedure": procedure,
        "internal_code": is_internal_code(procedure.code),
        "components": procedure.components.all(),
        "processes": processes,
        # A form published without its file is not a form a citizen can use: it is not offered.
        "versions": selectors.public_versions(procedure=procedure).exclude(file=""),
    }
    return render(request, "portal/procedure.html", context)


@ratelimited("procedures")
def document_download(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    """The file of the current issued version of a public document; older versions are never served."""
    agency = _agency(agency_code)
    version = selectors.public_version(agency=agency, pk=pk)
    if version is None or not version.file:
        raise Http404(_("Không tìm thấy bản ghi."))
    return file_response(version.file, filename=version.file_name or str(version.file.name))
