"""People and organisation pages for the ISO secretary and the leadership; thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eiso.core import selectors
from eiso.core.access import AgencyRequest, agency_required, can_act, get_for_agency_or_404, role_required
from eiso.core.choices import LEADERSHIP, QMS_MANAGERS, Role
from eiso.core.flow import run_action, run_form
from eiso.core.models import Division, Person, RoleGrant
from eiso.staff import forms, services


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _form_page(request: HttpRequest, form: Form, title: str, back: str, status: int = 200) -> HttpResponse:
    return render(request, "staff/form.html", {"form": form, "title": title, "back": back}, status=status)


def _form(
    request: AgencyRequest, form: Form, call: Any, *, title: str, message: str, back: str = ""
) -> HttpResponse:
    """The one way a staff page runs its form (`core.flow.run_form`): back to the staff page when done."""
    back = back or reverse("staff:index")
    return run_form(
        request,
        form,
        call,
        page=lambda bound: _form_page(request, bound, title, back, 400 if bound.errors else 200),
        success_url=back,
        success_message=message,
    )


@agency_required
def index(request: AgencyRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    people = (
        Person.objects.filter(agency=request.agency)
        .select_related("division", "user")
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
        .order_by("-is_active", "full_name")
    )
    if show != "all":
        people = people.filter(is_active=True)
    context = {
        "people": people,
        "show": show,
        "divisions": Division.objects.filter(agency=request.agency).order_by("-is_active", "order", "name"),
        "committee": selectors.steering_committee_current(agency=request.agency),
        "policies": request.agency.quality_policies.select_related("approved_by"),
        "profile": getattr(request.agency, "qms_profile", None),
        "can_edit": can_act(request, *QMS_MANAGERS),
    }
    return render(request, "staff/index.html", context)


@role_required(*QMS_MANAGERS)
def person_create(request: AgencyRequest) -> HttpResponse:
    form = forms.PersonCreateForm(request.POST or None, agency=request.agency)

    def call(data: dict[str, Any]) -> Person:
        person = services.staff_create(agency=request.agency, actor=request.person, **data)
        services.invitation_send(person=person, base_url=_base_url(request))  # through the outbox
        return person

    message = _("Đã thêm cán bộ và gửi thư mời đặt mật khẩu.")
    return _form(request, form, call, title=_("Thêm cán bộ"), message=message)


@role_required(*QMS_MANAGERS)
def person_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    person = get_for_agency_or_404(Person, request.agency, pk=pk)
    initial = {
        "salutation": person.salutation or "",
        "full_name": person.full_name,
        "title": person.title,
        "division": person.division_id,
        "email": person.email,
        "roles": sorted(person.roles - {Role.SUPERVISOR}),
    }
    form = forms.PersonForm(request.POST or None, agency=request.agency, initial=initial)
    back = reverse("staff:index")
    context = {"person": person, "title": person.full_name, "back": back}
    return run_form(
        request,
        form,
        lambda data: services.staff_update(person=person, actor=request.person, **data),
        page=lambda bound: render(
            request, "staff/person_edit.html", {**context, "form": bound}, status=400 if bound.errors else 200
        ),
        success_url=back,
        success_message=_("Đã lưu thông tin cán bộ."),
    )


@role_required(*QMS_MANAGERS)
@require_POST
def person_active(request: AgencyRequest, pk: int) -> HttpResponse:
    person = get_for_agency_or_404(Person, request.agency, pk=pk)
    active = request.POST.get("active") == "1"
    return run_action(
        request,
        lambda: services.staff_set_active(person=person, actor=request.person, active=active),
        success_url=reverse("staff:person_edit", args=[person.pk]),
        success_message=_("Đã mở lại tài khoản.") if active else _("Đã ngừng tài khoản."),
    )


@role_required(*QMS_MANAGERS)
@require_POST
def person_invite(request: AgencyRequest, pk: int) -> HttpResponse:
    person = get_for_agency_or_404(Person, request.agency, pk=pk)
    return run_action(
        request,
        lambda: services.invitation_send(person=person, base_url=_base_url(request)),
        success_url=reverse("staff:person_edit", args=[person.pk]),
        success_message=_("Đã gửi lại thư đặt mật khẩu tới {email}.").format(email=person.email),
    )


@role_required(*QMS_MANAGERS)
def division_create(request: AgencyRequest) -> HttpResponse:
    return _division_form(request, None)


@role_required(*QMS_MANAGERS)
def division_edit(request: AgencyRequest, pk: int) -> HttpResponse:
    return _division_form(request, get_for_agency_or_404(Division, request.agency, pk=pk))


def _division_form(request: AgencyRequest, division: Division | None) -> HttpResponse:
    initial = (
        {
            "code": division.code,
            "name": division.name,
            "order": division.order,
            "is_active": division.is_active,
        }
        if division
        else {"is_active": True}
    )
    form = forms.DivisionForm(request.POST or None, initial=initial)
    title = division.name if division else _("Thêm phòng")

    def call(data: dict[str, Any]) -> Division:
        return services.division_save(agency=request.agency, actor=request.person, division=division, **data)

    return _form(request, form, call, title=title, message=_("Đã lưu phòng."))


@role_required(*QMS_MANAGERS)
def committee_edit(request: AgencyRequest) -> HttpResponse:
    current = selectors.steering_committee_current(agency=request.agency)
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "head": current.head_id,
            "secretary": current.secretary_id,
            "members": current.members.all(),
        }
    form = forms.CommitteeForm(request.POST or None, agency=request.agency, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.steering_committee_establish(
            agency=request.agency, actor=request.person, **data
        ),
        title=_("Quyết định kiện toàn Ban Chỉ đạo ISO"),
        message=_("Đã ghi nhận quyết định về Ban Chỉ đạo ISO."),
    )


@role_required(*QMS_MANAGERS)
def policy_create(request: AgencyRequest) -> HttpResponse:
    leaders = selectors.people_with_role(agency=request.agency, roles=LEADERSHIP)
    current = selectors.quality_policy_current(agency=request.agency)
    initial = {"text": current.text if current else ""}
    form = forms.PolicyForm(request.POST or None, agency=request.agency, leaders=leaders, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.quality_policy_add(agency=request.agency, **data),
        title=_("Phiên bản mới của chính sách chất lượng"),
        message=_("Đã ban hành phiên bản mới của chính sách chất lượng."),
    )


@role_required(*QMS_MANAGERS)
def profile_edit(request: AgencyRequest) -> HttpResponse:
    profile = getattr(request.agency, "qms_profile", None)
    initial = {name: getattr(profile, name) for name in services.QMS_FIELDS} if profile else {}
    initial.setdefault("standard", "TCVN ISO 9001:2015")
    form = forms.QmsProfileForm(request.POST or None, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.qms_profile_update(agency=request.agency, actor=request.person, **data),
        title=_("Hồ sơ và phạm vi HTQLCL"),
        message=_("Đã lưu hồ sơ HTQLCL."),
    )


@agency_required
def agency_create(request: AgencyRequest) -> HttpResponse:
    """A province administrator adds an agency of the province with its first ISO secretary."""
    person = request.person
    if not (person.agency.is_supervisor and person.has_role(Role.SUPERVISOR)):
        raise PermissionDenied(_("Chỉ cán bộ của cơ quan giám sát cấp tỉnh được thêm cơ quan."))
    form = forms.AgencyCreateForm(request.POST or None)

    def call(data: dict[str, Any]) -> Person:
        secretary = services.agency_create_with_secretary(actor=person, **data)
        services.invitation_send(person=secretary, base_url=_base_url(request))  # through the outbox
        return secretary

    return _form(
        request,
        form,
        call,
        title=_("Thêm cơ quan áp dụng HTQLCL"),
        message=_("Đã thêm cơ quan và gửi thư mời cho Thư ký ISO."),
        back=reverse("core:dashboard"),
    )
