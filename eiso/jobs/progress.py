"""What a running job sees: its parameters and files, and a way to report progress.

Progress is written on a connection of its own on PostgreSQL: the job's work usually runs inside one
transaction (an import is all-or-nothing), so a progress row written on the job's connection would stay
invisible to the progress page until the end, and written while that connection streams a COPY it would
wait for the COPY forever (psycopg serialises a connection's operations). SQLite has one writer at a time,
so there progress is written only outside the job's transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field

from eiso.jobs.models import Job


@dataclass
class JobContext:
    job: Job
    _last_write: float = field(default=0.0)
    _side: BaseDatabaseWrapper | None = field(default=None, repr=False)

    def progress(self, done: int, total: int | None = None, *, message: str = "") -> None:
        """Report progress; written at most twice a second so a fast loop does not flood the database."""
        now = time.monotonic()
        if now - self._last_write < 0.5 and (total is None or done < total):
            return
        self._last_write = now
        self._write(done=done, total=total, message=message or self.job.message)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None

    def _write(self, **fields: Any) -> None:
        if connection.vendor != "postgresql":
            if not connection.in_atomic_block:
                Job.objects.filter(pk=self.job.pk).update(**fields)
            return
        if self._side is None:
            self._side = connections.create_connection(DEFAULT_DB_ALIAS)
        columns = ", ".join(f"{self._side.ops.quote_name(_column(name))} = %s" for name in fields)
        table = self._side.ops.quote_name(Job._meta.db_table)
        with self._side.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*fields.values(), self.job.pk])  # noqa: S608


def _column(field_name: str) -> str:
    field = Job._meta.get_field(field_name)
    assert isinstance(field, Field)  # noqa: S101 - the names come from JobContext, never from input
    return str(field.column)
