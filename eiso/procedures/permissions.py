"""Who may maintain the procedure catalogue: the ISO secretary keeps it."""

from __future__ import annotations

from eiso.core.choices import Role
from eiso.core.models import Person
from eiso.core.permissions import holds

EDITORS = frozenset({Role.ISO_SECRETARY})


def can_edit_catalogue(person: Person | None) -> bool:
    """Add, correct, publish and import procedures."""
    return holds(person, EDITORS)
