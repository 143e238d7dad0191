"""The management review inputs (ISO 9001 cl. 9.3.2), one module per input: each owns its compile step, its
report lines, its chart, its links and the shape of its frozen data. Listed in the order the reference
meeting (07/08/2017) used.

Adding an input: copy a sibling module, give it a new key, and list its `SECTION` here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from eiso.reviews.sections import (
    changes,
    documents,
    dossiers,
    improvement,
    internal_audit,
    nonconformities,
    objectives,
    previous_actions,
    procedures,
    providers,
    resources,
    risks,
    satisfaction,
)
from eiso.reviews.sections.base import Section

if TYPE_CHECKING:
    from eiso.reviews.models import ReviewInput

SECTIONS: list[Section[Any]] = [
    changes.SECTION,
    previous_actions.SECTION,
    objectives.SECTION,
    satisfaction.SECTION,
    dossiers.SECTION,
    procedures.SECTION,
    internal_audit.SECTION,
    nonconformities.SECTION,
    documents.SECTION,
    providers.SECTION,
    risks.SECTION,
    resources.SECTION,
    improvement.SECTION,
]
SECTION_BY_KEY: dict[str, Section[Any]] = {section.key: section for section in SECTIONS}


def section_text(key: str, data: Mapping[str, Any]) -> list[str]:
    """The report lines of a frozen input (none for a key no longer compiled)."""
    section = SECTION_BY_KEY.get(key)
    return section.lines(data) if section else []


def section_chart(key: str, data: Mapping[str, Any], fmt: str = "svg") -> bytes | None:
    section = SECTION_BY_KEY.get(key)
    return section.figure(data, fmt) if section else None


def section_signals(key: str, data: Mapping[str, Any]) -> list[str]:
    """The figures of a frozen input that signal a problem (overdue, not met, open past deadline)."""
    section = SECTION_BY_KEY.get(key)
    return section.problems(data) if section else []


def section_records(key: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, URL) of the records a frozen input counts (its drill-down)."""
    section = SECTION_BY_KEY.get(key)
    return section.records(data) if section else []


def commentary_warnings(inputs: Iterable[ReviewInput]) -> list[tuple[ReviewInput, list[str]]]:
    """The inputs whose typed commentary sits beside figures that signal a problem, with those signals: the
    secretary acknowledges them before the inputs are frozen (`services.review_hold`)."""
    found = []
    for item in inputs:
        signals = section_signals(item.key, item.data) if item.commentary.strip() else []
        if signals:
            found.append((item, signals))
    return found


def section_links(key: str) -> list[str]:
    """URLs of the records behind a section (every declared name resolves: a test reverses them all)."""
    section = SECTION_BY_KEY.get(key)
    return [reverse(name) for name in section.links] if section else []
