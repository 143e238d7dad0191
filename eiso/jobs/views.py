"""The progress page of a background job (polled by htmx until the job ends)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404
from eiso.jobs.models import Job
from eiso.jobs.services import job_settle


@agency_required
def job_detail(request: AgencyRequest, pk: int) -> HttpResponse:
    job = job_settle(get_for_agency_or_404(Job, request.agency, pk=pk))
    template = "jobs/_status.html" if getattr(request, "htmx", False) else "jobs/detail.html"
    return render(request, template, {"job": job})
