"""The public dossier lookup: the code as printed (any case, surrounding spaces ignored), no personal
data, rate-limited per client address; a finished dossier links to its satisfaction survey."""

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
        code = form.cleaned_data["ma"].strip()
        # Codes are printed in upper case; both tries are exact matches on the indexed code.
        dossier = dossier_public(code=code.upper())
        if dossier is None and code != code.upper():
            dossier = dossier_public(code=code)
    return render(request, "portal/lookup.html", {"form": form, "dossier": dossier, "searched": searched})
