"""Kinds of background job, registered by the apps that own the work (so jobs never imports upward)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eiso.jobs.progress import JobContext

JobFunction = Callable[["JobContext"], dict[str, object]]
_kinds: dict[str, JobFunction] = {}


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    """`@register("dossiers.import")` on a function taking a JobContext and returning the result."""

    def decorator(function: JobFunction) -> JobFunction:
        _kinds[kind] = function
        return function

    return decorator


def function_for(kind: str) -> JobFunction:
    return _kinds[kind]
