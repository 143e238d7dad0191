"""The project's checkable conventions (eiso/conventions.py): each rule against its good and bad examples,
the ladder of apps, and the whole package against both."""

from __future__ import annotations

import pytest
from django.conf import settings

from eiso import conventions
from eiso.conventions import LADDER, RULES, Rule, allowed, upward_edges


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_rule_flags_each_bad_example_and_no_good_one(rule: Rule) -> None:
    assert [line for line in rule.bad if not rule.matches(line)] == []
    assert [line for line in rule.good if rule.matches(line)] == []


def test_a_line_marked_as_allowed_is_not_flagged() -> None:
    rule = next(r for r in RULES if r.name == "no-importlib")
    assert not rule.matches("import importlib  # conventions: allow (plugin discovery)")


def test_every_installed_app_of_the_project_stands_on_the_ladder_in_the_settings_order() -> None:
    flattened = [f"eiso.{app}" for rung in LADDER for app in rung]
    assert flattened == settings.EISO_APPS


@pytest.mark.parametrize(
    ("importer", "imported", "ok"),
    [
        ("reviews", "objectives", True),
        ("objectives", "dossiers", True),
        ("improvements", "audits", True),
        ("audits", "improvements", False),
        ("risks", "audits", False),
        ("core", "documents", False),
        ("objectives", "reviews", False),
        ("api", "reports", False),
        ("reports", "reviews", True),
    ],
)
def test_an_app_imports_only_apps_below_it(importer: str, imported: str, ok: bool) -> None:
    assert allowed(importer, imported) is ok


def test_imports_at_any_depth_count_as_edges() -> None:
    source = """
from __future__ import annotations
from typing import TYPE_CHECKING
from eiso.core.models import Agency
if TYPE_CHECKING:
    from eiso.reviews.models import ManagementReview
def f():
    import eiso.improvements.services
    from eiso import objectives
"""
    assert upward_edges("audits", source) == [(6, "reviews"), (8, "improvements"), (9, "objectives")]
    assert upward_edges("reports", source) == []


def test_the_package_follows_every_rule_and_the_ladder_tests_included() -> None:
    assert conventions.violations() == []
