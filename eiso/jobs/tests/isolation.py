"""Objects of an agency for the cross-agency isolation walk (see eiso/core/tests/isolation.py)."""

from typing import Any

from eiso.core.models import Agency
from eiso.jobs.models import Job

PUBLIC: set[str] = set()


def url_kwargs(agency: Agency) -> dict[str, dict[str, Any]]:
    job = Job.objects.create(agency=agency, kind="dossiers.import", message="Bí mật")
    return {"jobs:detail": {"pk": job.pk}}
