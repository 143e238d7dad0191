"""Per-agency isolation in one place: who sees which agency, and the scoped lookups every view uses.

Every model names its path to the Agency in `agency_path`; `scoped()` and `get_for_agency_or_404()`
are the only ways views and selectors reach domain rows.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Agency, Person

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


class AgencyRequest(HttpRequest):
    """The request as AgencyMiddleware leaves it for a person acting for an agency; annotate views with it."""

    person: Person
    agency: Agency
    read_only: bool


class AnyRequest(HttpRequest):
    """The request as AgencyMiddleware leaves it for anyone, a citizen or an anonymous visitor included."""

    person: Person | None
    agency: Agency | None
    read_only: bool


def acting_request(request: HttpRequest) -> AgencyRequest | None:
    """The request typed as an agency request when a person acts for an agency on it, else None."""
    if getattr(request, "agency", None) is None or getattr(request, "person", None) is None:
        return None
    return cast(AgencyRequest, request)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def visible_agencies(person: Person) -> QuerySet[Agency]:
    """The person's own agency; for a provincial supervisor, every agency of the province too.

    The role alone is not enough: the person must belong to the province's supervisor body.
    """
    if person.has_role(Role.SUPERVISOR) and person.agency.is_supervisor:
        return Agency.objects.filter(province=person.agency.province)
    return Agency.objects.filter(pk=person.agency_id)


def scoped(queryset: QuerySet[M], agency: Agency) -> QuerySet[M]:
    path = queryset.model.agency_path  # type: ignore[attr-defined]
    return queryset.filter(**{path: agency.pk})


def get_for_agency_or_404(model_or_qs: type[M] | QuerySet[M], agency: Agency, **lookup: Any) -> M:
    queryset = model_or_qs if isinstance(model_or_qs, QuerySet) else model_or_qs._default_manager.all()
    try:
        return scoped(queryset, agency).get(**lookup)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404(_("Không tìm thấy bản ghi.")) from exc


def agency_required(view: View) -> View:
    """Login, and a staff record in an agency; sets request.person and request.agency."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "agency", None) is None:
            raise PermissionDenied(_("Tài khoản chưa được gắn với cán bộ của cơ quan nào."))
        return view(request, *args, **kwargs)

    return wrapper


def role_required(*roles: str) -> Callable[[View], View]:
    """Only people holding one of `roles` in the acting agency (supervisors never write)."""

    def decorator(view: View) -> View:
        @agency_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can_act(request, *roles):
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def can_act(request: HttpRequest, *roles: str) -> bool:
    person: Person | None = getattr(request, "person", None)
    if person is None or getattr(request, "read_only", True):
        return False
    return person.has_role(*roles)
