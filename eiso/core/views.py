from django.apps import apps
from django.contrib import messages
from django.core.exceptions import FieldError, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core import registry, selectors
from eiso.core.access import AgencyRequest, agency_required, get_for_agency_or_404, visible_agencies
from eiso.core.middleware import SESSION_AGENCY_KEY
from eiso.core.models import DomainEvent, Notification
from eiso.core.notifications import notification_mark_read


@agency_required
def dashboard(request: AgencyRequest) -> HttpResponse:
    # today through the application's clock (EISO_TODAY on the demo), never the template's {% now %}
    context = {"panels": registry.panel_contexts(request), "today": timezone.localdate()}
    return render(request, "core/dashboard.html", context)


@agency_required
def organisation(request: AgencyRequest) -> HttpResponse:
    agency = request.agency
    context = {
        "divisions": selectors.division_list(agency=agency),
        "people": selectors.person_list(agency=agency),
        "committee": selectors.steering_committee_current(agency=agency),
        "policy": selectors.quality_policy_current(agency=agency),
        "profile": getattr(agency, "qms_profile", None),
    }
    return render(request, "core/organisation.html", context)


@agency_required
@require_POST
def switch_agency(request: AgencyRequest) -> HttpResponse:
    chosen = request.POST.get("agency", "")
    agency = visible_agencies(request.person).filter(pk=chosen).first() if chosen.isdigit() else None
    if agency is None:
        raise PermissionDenied(_("Bạn không được xem cơ quan này."))
    request.session[SESSION_AGENCY_KEY] = agency.pk
    messages.info(request, _("Đang xem: {agency}").format(agency=agency.name))
    return redirect("core:dashboard")


@agency_required
def notification_list(request: AgencyRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(person=request.person), 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@agency_required
@require_POST
def notification_read(request: AgencyRequest, pk: int) -> HttpResponse:
    notification = get_for_agency_or_404(
        Notification.objects.filter(recipient=request.person),
        request.agency,
        pk=pk,
    )
    notification_mark_read(notification=notification)
    return redirect(notification.url or "core:notifications")


def _history_model(label: str) -> type[Model]:
    """A domain model with field-level history and a path to its agency, or 404."""
    try:
        model_class = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404(_("Không tìm thấy bản ghi.")) from exc
    domain = model_class.__module__.startswith("eiso.") and hasattr(model_class, "agency_path")
    if not domain or not hasattr(model_class, "history"):
        raise Http404(_("Không tìm thấy bản ghi."))
    return model_class


@agency_required
def history(request: AgencyRequest, model: str, pk: int) -> HttpResponse:
    """The change history of a record of the acting agency: field diffs and the domain events."""
    model_class = _history_model(model)
    try:
        record = get_for_agency_or_404(model_class, request.agency, pk=pk)
    except FieldError as exc:  # a model without a path to an agency has no history page
        raise Http404(_("Không tìm thấy bản ghi.")) from exc
    entries = (
        record.history.all()  # type: ignore[attr-defined]
        .select_related("history_user__person")
        .order_by("-history_date", "-history_id")[:200]
    )
    rows = [
        (entry, entry.diff_against(entry.prev_record) if entry.prev_record else None) for entry in entries
    ]
    events = DomainEvent.objects.filter(
        agency=request.agency, target_type=model_class._meta.label_lower, target_id=record.pk
    ).select_related("actor")[:200]
    return render(request, "core/history.html", {"record": record, "rows": rows, "events": events})
