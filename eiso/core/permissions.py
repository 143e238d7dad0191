"""Who may act, in one place: the role sets every app builds its `permissions.py` on, and the acting person.

An app's `permissions.py` names its role sets from these and declares one `can_<action>(person, obj)`
predicate per action. The same predicate guards the view (through `role_required` or `allowed`), is
enforced by the service (`require`), and decides whether the page shows the button, so no page offers an
action its user will be refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from eiso.core.choices import Role
from eiso.core.models import Person

LEADERSHIP = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
QMS_MANAGERS = frozenset({*LEADERSHIP, Role.ISO_SECRETARY})
STAFF = frozenset({*QMS_MANAGERS, Role.DIVISION_HEAD, Role.OFFICER})


def actor(request: HttpRequest) -> Person | None:
    """The person who may write in the agency the request acts on; None for readers and supervisors."""
    person: Person | None = getattr(request, "person", None)
    if person is None or getattr(request, "read_only", True):
        return None
    return person


def holds(person: Person | None, roles: Iterable[str]) -> bool:
    """True when `person` holds one of `roles`; False for nobody."""
    return person is not None and person.has_role(*roles)


def require(allowed: bool, message: str | None = None) -> None:
    """Service-side enforcement of a `can_<action>` predicate: refuse with a translated reason."""
    if not allowed:
        raise ValidationError(message or _("Bạn không có quyền thực hiện thao tác này."), code="forbidden")
