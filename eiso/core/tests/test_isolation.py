"""The cross-agency walk: every URL pattern of the site, admin included, requested by every role of another
agency of the same province and by the supervisor of another province, with real ids of the victim agency in
the path, the query string and the form fields, GET and POST.

The URL list comes from `django.urls.get_resolver()`, so a new pattern is walked without any edit. Path
arguments come from the app's `tests/isolation.py` when it names the URL (`url_kwargs(agency)` creates
objects of the agency), from the admin's own naming for admin URLs, and otherwise from the ids of every
victim row of the URL's app. A request fails the walk when it
- answers 2xx to a URL whose path points at a victim object (a public portal URL excepted),
- shows a victim's text (every name and title of the victim's rows carries a marker), or
- changes any row of the victim agency (row counts and change history, read in one query).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models.functions import Concat
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import RegexPattern

from eiso.core.access import scoped
from eiso.core.choices import Role
from eiso.core.models import Agency, Person
from eiso.core.services import CONSOLE, person_create
from eiso.core.testing import Personas, client_for, make_agency, make_person

MARK = "ZQXVICTIMZQX"
TEXT_FIELDS = ("name", "title", "full_name", "description", "body", "text", "note", "question")
SKIPPED_PATHS = ("/dang-xuat/", "/i18n/setlang/")  # the attacker's own session, not data


@dataclass(frozen=True)
class Pattern:
    """One URL pattern of the site: its qualified name (None if unnamed) and the route from the root."""

    name: str | None
    route: str
    arguments: tuple[str, ...]

    @property
    def app(self) -> str:
        return (self.name or "").split(":")[0]


def _route_text(pattern: Any) -> str:
    if isinstance(pattern, RegexPattern):
        return str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
    return str(pattern)


def _walk(resolver: URLResolver, namespace: str, prefix: str) -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        route = prefix + _route_text(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner, route)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            arguments = tuple(_argument_names(route))
            yield Pattern(name=name, route=route, arguments=arguments)


def _argument_names(route: str) -> list[str]:
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]


def _named_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    """(qualified name, pattern) of the app's named patterns, for the page walk (the admin is not a page
    of the app: the isolation walk above covers it)."""
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace != "admin":
                found.extend(_named_patterns(entry, inner))
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def all_patterns() -> list[Pattern]:
    """Every URL pattern of the site, from the resolver itself."""
    return list(_walk(get_resolver(), "", "/"))


def reverse_pattern(pattern: Pattern, kwargs: dict[str, Any]) -> str | None:
    """The URL of `pattern` with `kwargs`, or None when they do not fit it."""
    from django.urls import reverse

    if pattern.name:
        try:
            return reverse(pattern.name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None
    if pattern.arguments and not kwargs:
        return None
    url = pattern.route
    for argument in pattern.arguments:
        url = re.sub(rf"<(?:\w+:)?{argument}>|\(\?P<{argument}>[^)]*\)", str(kwargs[argument]), url)
    return None if re.search(r"[()\[\]*+?\\]", url) else url


@dataclass
class Victim:
    """The agency attacked: its rows, their ids by model, and what the attacker must never see or change."""

    agency: Agency
    provided: dict[str, dict[str, Any]] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)
    ids: dict[type[models.Model], list[int]] = field(default_factory=dict)

    def form_fields(self) -> dict[str, str]:
        """A victim id under the name of every model (`division`, `person`, `document`, ...) and `agency`."""
        data = {model._meta.model_name or "": str(ids[0]) for model, ids in self.ids.items() if ids}
        data |= {"agency": str(self.agency.pk), "co-quan": self.agency.code, "pk": data.get("division", "")}
        data |= {"role": Role.SUPERVISOR, "roles": Role.SUPERVISOR}
        return data


def scoped_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("eiso.") and hasattr(m, "agency_path") and not m._meta.abstract
    ]


def _providers() -> list[Any]:
    modules = []
    for app in settings.EISO_APPS:
        if importlib.util.find_spec(f"{app}.tests.isolation") is not None:
            modules.append(importlib.import_module(f"{app}.tests.isolation"))
    return modules


def build_victim(agency: Agency) -> Victim:
    victim = Victim(agency=agency)
    for provider in _providers():
        victim.provided.update(provider.url_kwargs(agency))
        victim.public |= set(getattr(provider, "PUBLIC", set()))
    for model in scoped_models():
        rows = scoped(model._default_manager.all(), agency)
        victim.ids[model] = list(rows.order_by("pk").values_list("pk", flat=True)[:5])
        text = [
            f.name
            for f in model._meta.concrete_fields
            if f.name in TEXT_FIELDS and isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        for name in text if victim.ids[model] else ():
            # Marked with update(): no history row; rows frozen by an immutability rule stay unmarked.
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk__in=rows.values("pk")).update(
                        **{name: Concat(models.F(name), models.Value(" " + MARK))}
                    )
            except (IntegrityError, DatabaseError):
                continue
    return victim


def _snapshot_sql(victim: Victim) -> tuple[str, list[Any]]:
    """One query: the count of every victim-scoped table and of its history rows."""
    parts: list[str] = []
    params: list[Any] = []
    for model in scoped_models():
        querysets = [scoped(model._default_manager.all(), victim.agency)]
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            path = model.agency_path  # type: ignore[attr-defined]
            first = path.split("__")[0]
            if first == "pk":
                querysets.append(history.model.objects.filter(id=victim.agency.pk))
            elif first in {f.name for f in history.model._meta.fields}:
                querysets.append(history.model.objects.filter(**{path: victim.agency.pk}))
        for queryset in querysets:
            sql, qparams = queryset.order_by().values("pk").query.sql_with_params()
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) s)")  # noqa: S608 - compiled by the ORM
            params.extend(qparams)
    return "SELECT " + ", ".join(parts), params


def candidate_kwargs(pattern: Pattern, victim: Victim) -> tuple[list[dict[str, Any]], bool]:
    """Argument sets for `pattern`, and whether they point at a victim object (then any 2xx is a leak)."""
    if not pattern.arguments:
        return [{}], False
    if pattern.name in victim.provided:
        return [victim.provided[pattern.name]], True
    if pattern.app == "admin" and pattern.name:
        found = _admin_kwargs(pattern, victim)
        if found is not None:
            return [found], True
    tokens = set(re.split(r"[^a-z]+", (pattern.name or "").lower() + " " + pattern.route.lower()))
    named = [m for m in victim.ids if m._meta.model_name in tokens]
    in_app = [m for m in victim.ids if m._meta.app_label == pattern.app]
    ids = sorted({i for m in (named or in_app or list(victim.ids)) for i in victim.ids[m][:1]})
    fillers = {"model": "core.division", "fmt": "docx"}
    candidates = [{a: fillers.get(a, value) for a in pattern.arguments} for value in ids]
    return candidates, False


def _admin_kwargs(pattern: Pattern, victim: Victim) -> dict[str, Any] | None:
    assert pattern.name is not None
    view = pattern.name.removeprefix("admin:")
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if view.startswith(prefix):
            rows = victim.ids.get(model) or list(
                model._default_manager.order_by("pk").values_list("pk", flat=True)[:1]
            )
            if not rows:
                return None
            kwargs: dict[str, Any] = {"object_id": rows[0]}
            if "history_id" in pattern.arguments:
                history = model.history.model  # type: ignore[attr-defined]
                kwargs["history_id"] = history.objects.filter(id=rows[0]).values_list("pk", flat=True).first()
            return {a: kwargs.get(a, rows[0]) for a in pattern.arguments}
    if pattern.arguments == ("app_label",):
        return {"app_label": "core"}
    return None


@dataclass
class Attackers:
    clients: dict[str, Client]


def build_attackers(victim: Agency, *, every_role: bool | None = None) -> Attackers:
    """Another agency of the victim's province, and the supervisor of another province.

    By default the neighbour is one person holding every agency role at once: role checks grant on any
    role held, so she reaches every page any single role reaches. EISO_WALK_EVERY_ROLE=1 walks one person
    per role instead (slower; for the nightly run).
    """
    if every_role is None:
        every_role = os.environ.get("EISO_WALK_EVERY_ROLE") == "1"
    neighbour = make_agency(province=victim.province)
    roles = [role for role in Role if role != Role.SUPERVISOR]
    people = {f"{role} of {neighbour.code}": [role] for role in roles}
    if not every_role:
        people = {"every role": roles}
    clients = {who: client_for(make_person(neighbour, *held)) for who, held in people.items()}
    body = make_agency(province="Ninh Thuận", is_supervisor=True)
    outsider = person_create(
        agency=body,
        full_name="Giám sát tỉnh khác",
        roles=[Role.SUPERVISOR],
        username="supervisor-elsewhere",
        password="x-walk-pass-123",
        granted_by=CONSOLE,
    )
    clients["supervisor of another province"] = client_for(outsider)
    for client in clients.values():
        client.raise_request_exception = False  # a crash is reported as a 500 like any other answer
    return Attackers(clients=clients)


def walk(
    victim: Victim,
    attackers: Attackers,
    patterns: Iterable[Pattern],
    methods: tuple[str, ...] = ("get", "post"),
) -> list[str]:
    """Request every pattern as every attacker; return the leaks and writes found."""
    sql, params = _snapshot_sql(victim)

    def snapshot() -> tuple[Any, ...]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return tuple(cursor.fetchone())

    before = snapshot()
    form = victim.form_fields()
    query = {k: v for k, v in form.items() if k not in {"role", "roles"}}
    problems = []
    for pattern in patterns:
        candidates, points_at_victim = candidate_kwargs(pattern, victim)
        public = pattern.name in victim.public
        for kwargs in candidates:
            url = reverse_pattern(pattern, kwargs)
            if url is None or url.startswith(SKIPPED_PATHS):
                continue
            for who, client in attackers.clients.items():
                for method in methods:
                    response = client.get(url, query) if method == "get" else client.post(url, form)
                    body = response.content if not getattr(response, "streaming", False) else b""
                    status = response.status_code
                    if MARK.encode() in body and not public:
                        problems.append(f"{who}: {method.upper()} {url} shows the victim's data")
                    elif status >= 500 or (points_at_victim and 200 <= status < 300 and not public):
                        problems.append(f"{who}: {method.upper()} {url} -> {status}")
                    after = snapshot()
                    if after != before:
                        problems.append(f"{who}: {method.upper()} {url} changed the victim's rows")
                        before = after
    return problems


@pytest.fixture
def victim(personas: Personas) -> Victim:
    return build_victim(personas.agency)


@pytest.mark.django_db
def test_no_url_leaks_or_writes_another_agencys_data(personas: Personas, victim: Victim) -> None:
    problems = walk(victim, build_attackers(personas.agency), all_patterns())
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_walk_covers_the_admin_and_every_app() -> None:
    patterns = all_patterns()
    names = {p.name for p in patterns}
    assert "admin:core_division_change" in names and "admin:core_division_history" in names
    assert {p.app for p in patterns} >= {"admin", "core", "documents", "dossiers", "portal", "api"}


LEAKY_PATTERNS: list[Any] = []


def _leaky_division_view(request: Any, pk: int) -> Any:
    from django.http import HttpResponse

    from eiso.core.models import Division

    return HttpResponse(Division.objects.get(pk=pk).name)


def _leaky_write_view(request: Any) -> Any:
    from django.http import HttpResponse

    from eiso.core.models import Division

    division = Division.objects.filter(pk=request.POST.get("division")).first()
    if division is not None:
        division.name = "Bị sửa"
        division.save()
    return HttpResponse("ok")


@pytest.mark.django_db
def test_a_new_url_pattern_is_walked_without_any_edit(
    personas: Personas, victim: Victim, settings: Any
) -> None:
    """A URL added to the site tomorrow, leaking a row by id and writing one, is caught by the same walk."""
    from django.urls import clear_url_caches, include, path

    module = type(importlib)("eiso_walk_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("ro-ri/<int:pk>/", _leaky_division_view, name="division_peek"),
        path("ghi-trom/", _leaky_write_view, name="leaky_write"),
        path("", include("eiso.urls")),
    ]
    import sys

    sys.modules["eiso_walk_urls"] = module
    settings.ROOT_URLCONF = "eiso_walk_urls"
    clear_url_caches()
    try:
        new = [p for p in all_patterns() if p.name in {"division_peek", "leaky_write"}]
        assert len(new) == 2
        attackers = build_attackers(personas.agency)
        attackers.clients = dict(list(attackers.clients.items())[:1])
        problems = walk(victim, attackers, new)
    finally:
        settings.ROOT_URLCONF = "eiso.urls"
        clear_url_caches()
        del sys.modules["eiso_walk_urls"]
    assert any("/ro-ri/" in p and "shows the victim's data" in p for p in problems), problems
    assert any("/ghi-trom/" in p and "changed the victim's rows" in p for p in problems), problems


@pytest.mark.django_db
def test_the_victims_own_secretary_sees_the_marked_rows(personas: Personas, victim: Victim) -> None:
    """The walk's 404s mean isolation, not broken URLs: the owner gets the pages and the marker."""
    from django.urls import reverse

    kwargs = victim.provided["core:history"]
    response = client_for(personas.secretary).get(reverse("core:history", kwargs=kwargs))
    assert response.status_code == 200
    assert MARK in response.content.decode()
    assert Person.objects.filter(agency=personas.agency, full_name__endswith=MARK).exists()
