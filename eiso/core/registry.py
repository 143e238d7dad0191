"""Extension points filled by the apps above core, so core never imports upward.

Each app registers its navigation entry, dashboard panels, demo loader and reminder
rules from its AppConfig.ready(); core only iterates what was registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    """An entry of the side navigation; hidden unless its URL name resolves and, when `roles` is
    given, unless the person holds one of them."""

    url_name: str
    label: Any
    icon: str = "circle"
    order: int = 100
    section: str = "modules"
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class DashboardPanel:
    """A card on the agency dashboard: a template and a function that returns its context."""

    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class InboxItem:
    """One thing a person must do: what, where to do it, by when, and optionally a one-click action
    (a POST to `action_url`, e.g. "confirm I have read it")."""

    title: str
    url: str
    detail: str = ""
    due_on: Any = None
    badge: Any = ""
    action_url: str = ""
    action_label: Any = ""


@dataclass(frozen=True)
class InboxSource:
    """A kind of work shown in "Việc của tôi", contributed by the app that owns it (its `inbox.py`).

    `items(person)` returns the person's open items, most urgent first (the page shows the first
    `limit`); `count(person)` counts them with one query (the navigation badge).
    """

    key: str
    title: Any
    items: Callable[[Any], Iterable[InboxItem]]
    count: Callable[[Any], int]
    order: int = 100
    more_url_name: str = ""
    limit: int = 20


@dataclass
class _Registry:
    nav: list[NavItem] = field(default_factory=list)
    panels: list[DashboardPanel] = field(default_factory=list)
    reminder_rules: list[Callable[..., Iterable[Any]]] = field(default_factory=list)
    inbox: dict[str, InboxSource] = field(default_factory=dict)


_registry = _Registry()


def register_nav(item: NavItem) -> None:
    if item not in _registry.nav:
        _registry.nav.append(item)


def register_panel(panel: DashboardPanel) -> None:
    if panel not in _registry.panels:
        _registry.panels.append(panel)


def register_reminder_rule(rule: Callable[..., Iterable[Any]]) -> None:
    """A rule is called with (agency=, today=) and yields eiso.core.notifications.Reminder objects."""
    if rule not in _registry.reminder_rules:
        _registry.reminder_rules.append(rule)


def register_inbox(source: InboxSource) -> None:
    _registry.inbox[source.key] = source


def inbox_sources() -> list[InboxSource]:
    return sorted(_registry.inbox.values(), key=lambda source: (source.order, source.key))


def nav_items() -> list[NavItem]:
    return sorted(_registry.nav, key=lambda item: (item.order, str(item.label)))


def panels() -> list[DashboardPanel]:
    return sorted(_registry.panels, key=lambda panel: panel.order)


def reminder_rules() -> list[Callable[..., Iterable[Any]]]:
    return list(_registry.reminder_rules)


def panel_contexts(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    rendered = []
    for panel in panels():
        context = panel.context(request)
        if context is not None:
            rendered.append((panel.template, context))
    return rendered
