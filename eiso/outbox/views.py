"""The outbox page: the ISO secretary sees what was sent, what waits, and why a message failed."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core.access import AgencyRequest, get_for_agency_or_404, role_required
from eiso.core.choices import QMS_MANAGERS
from eiso.outbox import selectors, services
from eiso.outbox.models import OutboxMessage


@role_required(*QMS_MANAGERS)
def index(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.outbox_messages(request.agency), 50).get_page(request.GET.get("page"))
    context = {"page": page, "summary": selectors.outbox_summary(request.agency)}
    return render(request, "outbox/index.html", context)


@require_POST
@role_required(*QMS_MANAGERS)
def retry(request: AgencyRequest, pk: int) -> HttpResponse:
    message = get_for_agency_or_404(OutboxMessage, request.agency, pk=pk)
    services.outbox_retry_now(message=message)
    messages.success(request, _("Đã yêu cầu gửi lại thư."))
    return redirect("outbox:index")
