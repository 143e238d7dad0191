"""Who may handle dossiers: the agency's staff who receive, transfer and resolve them."""

from __future__ import annotations

from eiso.core.models import Person
from eiso.core.permissions import STAFF, holds

HANDLERS = STAFF


def can_handle(person: Person | None) -> bool:
    """Receive a dossier and take it through its steps (the services check each step's rules)."""
    return holds(person, HANDLERS)
