"""The public dossier lookup: exact code only, no personal data, rate-limited per client address."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from eiso.core.forms import BootstrapFormMixin
from eiso.core.ratelimit import ratelimited
from eiso.dossiers.selectors import dossier_public


class LookupForm(BootstrapFormMixin, forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=64,
        help_text=_("Mã in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.20.H34-170302-0001."),
    )


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
