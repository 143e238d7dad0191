"""Who is calling: an API client by its bearer key (scoped, expiring, rate-limited) or a person by the
browser session (CSRF still checked for unsafe methods), and which agencies the caller may read or write."""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from eiso.api.choices import Scope
from eiso.api.models import ApiClient, ApiKey
from eiso.api.problems import Problem
from eiso.api.services import api_key_authenticate
from eiso.core.access import person_of, visible_agencies
from eiso.core.choices import Role
from eiso.core.clientaddr import client_address
from eiso.core.models import Agency, Person

# Roles whose session may write dossiers through the API, as on the dossier pages.
DOSSIER_STAFF = (Role.OFFICER, Role.DIVISION_HEAD, Role.ISO_SECRETARY, Role.DIRECTOR, Role.DEPUTY_DIRECTOR)


@dataclass
class Caller:
    """The authenticated caller of one request."""

    person: Person  # who writes are recorded as (the client's identity, or the logged-in person)
    agency: Agency  # the caller's own agency
    scopes: frozenset[str]
    client: ApiClient | None = None
    key: ApiKey | None = None
    write_roles_ok: bool = True

    @property
    def is_supervisor(self) -> bool:
        if self.client is not None:
            return self.agency.is_supervisor
        return self.person.has_role(Role.SUPERVISOR)

    def visible(self) -> QuerySet[Agency]:
        """Like the pages: the own agency; a provincial supervisor body also every agency of its province."""
        if self.client is None:
            return visible_agencies(self.person)
        if self.agency.is_supervisor:
            return Agency.objects.filter(province=self.agency.province)
        return Agency.objects.filter(pk=self.agency.pk)

    def read_agency(self, code: str | None) -> Agency:
        """The agency named by `code` if the caller may read it (its own by default), else 404."""
        if not code:
            return self.agency
        agency = self.visible().filter(code=code).first()
        if agency is None:
            raise Problem(404, _("Không tìm thấy cơ quan mã “{code}”.").format(code=code))
        return agency

    def require(self, scope: str) -> None:
        if scope not in self.scopes:
            raise Problem(403, _("Khóa API không có phạm vi “{scope}”.").format(scope=scope))

    def write_agency(self) -> Agency:
        """The agency a write acts on: the caller's own; a supervisor or a read-only person writes none."""
        self.require(Scope.DOSSIERS_WRITE)
        if self.is_supervisor or not self.write_roles_ok:
            raise Problem(403, _("Bạn không có quyền thực hiện thao tác này."))
        return self.agency


def _address(request: HttpRequest) -> str | None:
    """The client's address (behind trusted proxies, as for the login throttle), if it is one."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def _check_rate(key: ApiKey) -> None:
    """A fixed one-minute window per key in the shared cache (Redis in production)."""
    now = time.time()
    window = int(now // 60)
    name = f"eiso-api-rate:{key.digest[:24]}:{window}"
    cache.add(name, 0, timeout=70)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=70)
        used = 1
    if used > key.rate_per_minute:
        retry = max(1, math.ceil((window + 1) * 60 - now))
        raise Problem(
            429,
            _("Khóa này đã dùng hết {n} yêu cầu mỗi phút; thử lại sau {s} giây.").format(
                n=key.rate_per_minute, s=retry
            ),
            headers={"Retry-After": str(retry)},
        )


class KeyAuth(HttpBearer):
    """`Authorization: Bearer eiso_…`: a key of an API client."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        key = api_key_authenticate(raw=token, address=_address(request))
        if key is None:
            raise Problem(
                401,
                _("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi."),
                headers={"WWW-Authenticate": 'Bearer realm="eiso", error="invalid_token"'},
            )
        _check_rate(key)
        client = key.client
        # The field history of every record the request touches names the client's identity.
        request.user = client.identity.user  # type: ignore[assignment]
        return Caller(
            person=client.identity, agency=client.agency, scopes=frozenset(key.scopes), client=client, key=key
        )


class SessionAuth(APIKeyCookie):
    """The browser session of a person (reads, and dossier writes for dossier staff); CSRF is checked
    for unsafe methods as on every page."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        person = person_of(request.user)
        if person is None or not person.is_active:
            return None
        own = person.agency
        return Caller(
            person=person,
            agency=own,
            scopes=frozenset(Scope.values),
            write_roles_ok=person.has_role(*DOSSIER_STAFF),
        )


def caller_of(request: HttpRequest) -> Caller:
    auth: Any = getattr(request, "auth", None)
    if not isinstance(auth, Caller):  # pragma: no cover - every operation requires authentication
        raise Problem(401)
    return auth
