"""The pages of the API area: API clients and their keys (QMS managers), and the API documentation."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.api.forms import ApiClientForm, ApiKeyForm
from eiso.api.models import ApiClient, ApiKey
from eiso.api.services import api_client_create, api_key_create, api_key_revoke
from eiso.core.access import AgencyRequest, get_for_agency_or_404, role_required
from eiso.core.choices import QMS_MANAGERS
from eiso.workdays.calendar import LOCAL_TZ

DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'"


@role_required(*QMS_MANAGERS)
def key_list(request: AgencyRequest) -> HttpResponse:
    """The systems and their keys. Not on `core.flow.run_form`: a new key's secret is shown once, on the page
    that answers the POST, so that it is never kept anywhere to be shown after a redirect."""
    client_form = ApiClientForm(request.POST if "create_client" in request.POST else None, prefix="client")
    key_form = ApiKeyForm(
        request.POST if "create_key" in request.POST else None, agency=request.agency, prefix="key"
    )
    new_key = None
    try:
        if client_form.is_bound and client_form.is_valid():
            client = api_client_create(
                agency=request.agency, name=client_form.cleaned_data["name"], actor=request.person
            )
            messages.success(request, _("Đã thêm hệ thống “{name}”.").format(name=client.name))
            return redirect("api:keys")
        if key_form.is_bound and key_form.is_valid():
            data = key_form.cleaned_data
            expires = dt.datetime.combine(data["expires_on"], dt.time(23, 59, 59), tzinfo=LOCAL_TZ)
            key, new_key = api_key_create(
                client=data["client"],
                scopes=data["scopes"],
                expires_at=expires,
                rate_per_minute=data["rate_per_minute"],
                actor=request.person,
            )
            messages.success(request, _("Đã tạo khóa cho “{name}”.").format(name=key.client.name))
            key_form = ApiKeyForm(agency=request.agency, prefix="key")
    except ValidationError as exc:
        (client_form if client_form.is_bound else key_form).add_error(None, exc)
    clients = ApiClient.objects.filter(agency=request.agency).prefetch_related(
        Prefetch("keys", queryset=ApiKey.objects.order_by("-created_at"))
    )
    context = {"client_form": client_form, "key_form": key_form, "clients": clients, "new_key": new_key}
    return render(request, "api/keys.html", context)


@role_required(*QMS_MANAGERS)
def key_revoke(request: AgencyRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST revokes."""
    key = get_for_agency_or_404(ApiKey.objects.select_related("client"), request.agency, pk=pk)
    if request.method == "POST":
        api_key_revoke(key=key, actor=request.person)
        messages.info(
            request,
            _("Đã thu hồi khóa {prefix}… của “{name}”.").format(prefix=key.prefix, name=key.client.name),
        )
        return redirect("api:keys")
    return render(request, "api/key_revoke.html", {"key": key})


def docs(request: HttpRequest) -> HttpResponse:
    """The OpenAPI schema rendered by Swagger UI (an npm package served as static files, no inline script)."""
    response = render(request, "api/docs.html", {"schema_url": reverse("api:api-v1:openapi-json")})
    response["Content-Security-Policy"] = DOCS_CSP
    return response
