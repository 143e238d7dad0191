"""Project conventions that a program can check, in the manner of Zulip's custom checks: each rule names
what it forbids, why, and carries good and bad examples that its tests run (eiso/tests/test_conventions.py).

- `RULES`: line patterns (a grep with a reason).
- `LADDER`: the apps from the bottom up. An app imports only apps on lower rungs (tests included); two apps
  on one rung import each other only where `SAME_RUNG` allows it.

Run over the repository (what `make lint` does): `python -m eiso.conventions`.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROLES = (
    "director",
    "deputy_director",
    "iso_secretary",
    "steering_member",
    "division_head",
    "officer",
    "auditor",
    "viewer",
    "supervisor",
)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    why: str
    good: tuple[str, ...]
    bad: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    """Paths (relative to the package) where the pattern is the point, each with its reason in a comment."""

    def matches(self, line: str) -> bool:
        return bool(self.pattern.search(line)) and "# conventions: allow" not in line


RULES: tuple[Rule, ...] = (
    Rule(
        name="no-importlib",
        pattern=re.compile(r"\bimportlib\b|__import__\(\s*[\"']eiso"),
        why="Import a lower app's module by its name: mypy checks the calls, the ladder test sees the edge.",
        good=(
            "from eiso.dossiers.selectors import dossier_stats",
            'SHOTS = Path(__import__("tempfile").gettempdir())',
        ),
        bad=(
            "import importlib",
            'summary = importlib.import_module("eiso.surveys.selectors").satisfaction_summary',
            '__import__("eiso.risks.selectors")',
        ),
        exclude=(
            # Discovery over INSTALLED_APPS (each app's optional demo data / isolation URLs), not a sibling.
            "core/management/commands/load_demo.py",
            "core/tests/test_isolation.py",
        ),
    ),
    Rule(
        name="role-constants",
        pattern=re.compile(
            r"(\brole(?:_grants__role)?(?:__in)?\s*=\s*[\[(]?\s*|has_role\(\s*|role_required\(\s*|"
            r"can_act\(\s*request\s*,\s*)[\"'](?:" + "|".join(ROLES) + r")[\"']"
        ),
        why="Name roles through eiso.core.choices.Role or a role set of permissions.py, never as strings.",
        good=(
            "if signed_by.has_role(Role.DIRECTOR):",
            "Person.objects.filter(role_grants__role__in=[Role.ISO_SECRETARY, Role.DIRECTOR])",
            '"auditor": p[auditor],',
        ),
        bad=(
            'if not signed_by.has_role("director"):',
            'Person.objects.filter(role_grants__role="auditor")',
            "role_grants__role__in=['iso_secretary', 'director']",
            '@role_required("iso_secretary")',
        ),
    ),
)

# The ladder, bottom up (docs/architecture.md). One tuple is one rung.
LADDER: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("outbox",),
    ("jobs",),
    ("signatures",),
    ("staff",),
    ("workdays",),
    ("procedures",),
    ("dossiers",),
    ("surveys",),
    ("documents",),
    ("audits", "improvements", "risks"),
    ("objectives",),
    ("reviews",),
    ("reports", "portal", "api"),
)
SAME_RUNG: frozenset[tuple[str, str]] = frozenset({("improvements", "audits")})
"""(importer, imported) pairs allowed on one rung: a nonconformity keeps the audit finding it came from."""
RUNG = {app: level for level, rung in enumerate(LADDER) for app in rung}


def allowed(importer: str, imported: str) -> bool:
    if importer == imported:
        return True
    if importer not in RUNG or imported not in RUNG:
        return False
    if RUNG[imported] < RUNG[importer]:
        return True
    return RUNG[imported] == RUNG[importer] and (importer, imported) in SAME_RUNG


def imported_apps(source: str) -> Iterator[tuple[int, str]]:
    """(line, app) for every `eiso.<app>` module the source imports, at any depth (TYPE_CHECKING too)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "eiso" and len(parts) > 1:
                yield node.lineno, parts[1]


def app_of(path: Path) -> str | None:
    parts = path.resolve().relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 and (PACKAGE / parts[0] / "apps.py").exists() else None


def python_files(root: Path = PACKAGE) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts and "__pycache__" not in path.parts:
            yield path


def _shown(path: Path) -> str:
    return path.resolve().relative_to(PACKAGE.parent).as_posix()


def upward_edges(importer: str, source: str) -> list[tuple[int, str]]:
    """(line, app) of every import in `source` (a module of `importer`) that does not go down the ladder."""
    edges = {
        (line, imported)
        for line, imported in imported_apps(source)
        if (imported in RUNG or (PACKAGE / imported / "apps.py").exists()) and not allowed(importer, imported)
    }
    return sorted(edges)


def upward_imports(path: Path) -> Iterator[str]:
    importer = app_of(path)
    if importer is None:
        return
    for line, imported in upward_edges(importer, path.read_text(encoding="utf-8")):
        yield f"{_shown(path)}:{line}: ladder: {importer} imports {imported}, which is not below it"


def rule_violations(path: Path) -> Iterator[str]:
    relative = path.resolve().relative_to(PACKAGE).as_posix()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for rule in RULES:
            if relative not in rule.exclude and rule.matches(line):
                yield f"{_shown(path)}:{number}: {rule.name}: {rule.why}"


def violations(root: Path = PACKAGE) -> list[str]:
    found: list[str] = []
    for path in python_files(root):
        if path.resolve() in (Path(__file__).resolve(), PACKAGE / "tests" / "test_conventions.py"):
            continue  # the rules and their tests quote what the rules forbid
        found += rule_violations(path)
        found += upward_imports(path)
    return found


def main() -> int:
    found = violations()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
