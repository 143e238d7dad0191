"""The public dossier lookup: exact code only, no personal data, rate-limited per client address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from eiso.core.ratelimit import ratelimited
from eiso.dossiers.forms import LookupForm
from eiso.dossiers.selectors import dossier_public


@require_GET
@ratelimited("dossier_lookup")
def dossier_lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET if "ma" in request.GET else None)
    dossier = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        dossier = dossier_public(code=form.cleaned_data["ma"])
    return render(
        request, "portal/dossier_lookup.html", {"form": form, "dossier": dossier, "searched": searched}
    )
