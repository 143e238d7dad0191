"""Sets request.person, request.agency (the agency being acted on) and request.read_only."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from eiso.core.access import person_of, visible_agencies
from eiso.core.choices import Role

SESSION_AGENCY_KEY = "eiso_agency_id"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class AgencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        person = person_of(request.user)
        request.person = person  # type: ignore[attr-defined]
        request.agency = None  # type: ignore[attr-defined]
        request.read_only = True  # type: ignore[attr-defined]
        if person is not None and person.is_active:
            agency = person.agency
            chosen = request.session.get(SESSION_AGENCY_KEY)
            if chosen and chosen != agency.pk:
                agency = visible_agencies(person).filter(pk=chosen).first() or agency
            request.agency = agency  # type: ignore[attr-defined]
            request.read_only = (  # type: ignore[attr-defined]
                agency.pk != person.agency_id or person.roles <= {Role.VIEWER, Role.SUPERVISOR}
            )
            if self._forbidden_write(request):
                raise PermissionDenied(_("Quyền giám sát chỉ cho phép xem."))
        return self.get_response(request)

    @staticmethod
    def _forbidden_write(request: HttpRequest) -> bool:
        if request.method in SAFE_METHODS or request.agency.pk == request.person.agency_id:  # type: ignore[attr-defined]
            return False
        always_allowed = {reverse("core:switch_agency"), reverse("logout"), reverse("set_language")}
        return request.path not in always_allowed
