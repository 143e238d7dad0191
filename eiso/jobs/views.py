"""The progress page of a background job (polled by htmx until the job ends) and the file it made."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404
from eiso.core.downloads import file_response
from eiso.jobs.models import Job
from eiso.jobs.services import job_settle


@agency_required
def job_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    job = job_settle(get_for_agency_or_404(Job, request.agency, pk=pk))
    template = "jobs/_status.html" if getattr(request, "htmx", False) else "jobs/detail.html"
    return render(request, template, {"job": job})


@agency_required
def job_output(request: AgencyRequest, pk: int) -> HttpResponse:
    """The file a finished job made (a province export), to the people of the agency that started it."""
    job = get_for_agency_or_404(Job, request.agency, pk=pk)
    if not job.output_file:
        raise Http404(_("Việc này không tạo tệp nào."))
    return file_response(job.output_file, filename=str(job.output_file.name).rsplit("/", 1)[-1])
