"""What a running job sees: its parameters and files, and a way to report progress."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from eiso.jobs.models import Job


@dataclass
class JobContext:
    job: Job
    _last_write: float = field(default=0.0)

    def progress(self, done: int, total: int | None = None, *, message: str = "") -> None:
        """Report progress; written at most twice a second so a fast loop does not flood the database."""
        now = time.monotonic()
        if now - self._last_write < 0.5 and (total is None or done < total):
            return
        self._last_write = now
        Job.objects.filter(pk=self.job.pk).update(done=done, total=total, message=message or self.job.message)
