"""JSON API v1. Every endpoint is a thin call to a selector or service of the owning module."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.api.forms import ApiTokenForm
from eiso.api.framework import api_view
from eiso.api.models import ApiToken
from eiso.api.services import api_token_create, api_token_revoke
from eiso.core.access import AgencyRequest, get_for_agency_or_404, role_required
from eiso.core.choices import QMS_MANAGERS


@api_view("GET")
def me(request: AgencyRequest) -> dict[str, Any]:
    person = request.person
    return {
        "full_name": person.full_name,
        "title": person.title,
        "roles": sorted(person.roles),
        "agency": {"code": request.agency.code, "name": request.agency.name},
    }


@api_view("GET")
def agency(request: AgencyRequest) -> dict[str, Any]:
    agency = request.agency
    return {
        "code": agency.code,
        "name": agency.name,
        "province": agency.province,
        "divisions": [{"code": d.code, "name": d.name} for d in agency.divisions.filter(is_active=True)],
    }


@role_required(*QMS_MANAGERS)
def token_list(request: AgencyRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None, agency=request.agency)
    new_key = None
    if request.method == "POST" and form.is_valid():
        token, new_key = api_token_create(
            person=form.cleaned_data["person"], name=form.cleaned_data["name"], actor=request.person
        )
        messages.success(request, _("Đã tạo khóa API “{name}”.").format(name=token.name))
    tokens = ApiToken.objects.filter(person__agency=request.agency).select_related("person")
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@role_required(*QMS_MANAGERS)
@require_POST
def token_revoke(request: AgencyRequest, pk: int) -> HttpResponse:
    token = get_for_agency_or_404(ApiToken, request.agency, pk=pk)
    api_token_revoke(token=token, actor=request.person)
    messages.info(request, _("Đã thu hồi khóa API “{name}”.").format(name=token.name))
    return redirect("api:tokens")
