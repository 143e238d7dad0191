"""eISO — ISO điện tử: the electronic TCVN ISO 9001:2015 QMS of a Vietnamese state agency.

The Celery application (`eiso.celery.app`) is not imported here: Celery costs about a third of a second of
start-up to every process, and only the worker, beat and the code that queues a task need it. `celery -A eiso`
finds `eiso.celery.app` by itself; the task modules (`eiso/*/tasks.py`) import `eiso.celery` first, so their
`shared_task`s bind to this application (its broker and eager setting) wherever they are queued from.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """`eiso.celery_app`, imported on first use (the conventional name of Django projects using Celery)."""
    if name == "celery_app":
        from eiso.celery import app

        return app
    raise AttributeError(f"module 'eiso' has no attribute {name!r}")
