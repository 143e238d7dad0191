"""Sets request.person, request.agency (the agency being acted on) and request.read_only."""

from collections.abc import Callable
from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.access import AnyRequest, person_of, visible_agencies
from eiso.core.choices import Role
from eiso.core.models import Agency, Person

SESSION_AGENCY_KEY = "eiso_agency_id"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class AgencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        typed = cast(AnyRequest, request)
        person = person_of(request.user)
        typed.person = person
        typed.agency = None
        typed.read_only = True
        if person is not None and person.is_active:
            agency = person.agency
            chosen = request.session.get(SESSION_AGENCY_KEY)
            if chosen and chosen != agency.pk:
                agency = visible_agencies(person).filter(pk=chosen).first() or agency
            typed.agency = agency
            typed.read_only = agency.pk != person.agency_id or person.roles <= {Role.VIEWER, Role.SUPERVISOR}
            if self._forbidden_write(request, acting_for=agency, person=person):
                raise PermissionDenied(_("Quyền giám sát chỉ cho phép xem."))
        return self.get_response(request)

    @staticmethod
    def _forbidden_write(request: HttpRequest, *, acting_for: Agency, person: Person) -> bool:
        if request.method in SAFE_METHODS or acting_for.pk == person.agency_id:
            return False
        always_allowed = {reverse("core:switch_agency"), reverse("logout"), reverse("set_language")}
        return request.path not in always_allowed
